namespace ApiTruth.Checker.Input;

/// <summary>The C# code blocks of a Markdown file (```csharp, ```cs, ```c# fences, also with ~~~), each with its position.</summary>
internal static class MarkdownBlocks
{
    private static readonly HashSet<string> CSharpInfo = new(StringComparer.OrdinalIgnoreCase) { "csharp", "cs", "c#" };

    public static IReadOnlyList<SnippetSource> Extract(string path, string markdown)
    {
        var lines = markdown.Split('\n');
        var blocks = new List<SnippetSource>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!TryOpenFence(lines[i], out int indent, out char fenceChar, out int fenceLength, out string info))
                continue;
            int start = i + 1;
            int end = start;
            while (end < lines.Length && !IsClosingFence(lines[end], fenceChar, fenceLength))
                end++;
            var language = info.Split(' ', '\t', '{', ',')[0];
            if (CSharpInfo.Contains(language))
            {
                var body = lines[start..end].Select(l => Unindent(l, indent));
                blocks.Add(new SnippetSource(path, string.Join('\n', body), FirstLine: start + 1, Indent: indent));
            }
            i = end; // an unclosed fence runs to the end of the file, as CommonMark says
        }
        return blocks;
    }

    private static bool TryOpenFence(string line, out int indent, out char fenceChar, out int fenceLength, out string info)
    {
        line = line.TrimEnd('\r');
        indent = line.Length - line.TrimStart(' ').Length;
        fenceChar = '\0';
        fenceLength = 0;
        info = "";
        if (indent > 3) return false;
        var rest = line[indent..];
        if (rest.Length < 3 || (rest[0] != '`' && rest[0] != '~')) return false;
        fenceChar = rest[0];
        while (fenceLength < rest.Length && rest[fenceLength] == fenceChar) fenceLength++;
        if (fenceLength < 3) return false;
        info = rest[fenceLength..].Trim();
        // A backtick fence's info string may not contain backticks (CommonMark).
        return fenceChar != '`' || !info.Contains('`');
    }

    private static bool IsClosingFence(string line, char fenceChar, int fenceLength)
    {
        var t = line.TrimEnd('\r');
        int indent = t.Length - t.TrimStart(' ').Length;
        if (indent > 3) return false;
        t = t.Trim();
        return t.Length >= fenceLength && t.All(c => c == fenceChar);
    }

    private static string Unindent(string line, int indent)
    {
        int n = 0;
        while (n < indent && n < line.Length && line[n] == ' ') n++;
        return line[n..];
    }
}
