using System.Text;

namespace ApiTruth.Checker.Input;

/// <summary>Turns the paths given on the command line (files, folders, <c>-</c> for stdin) into units of C# code.</summary>
internal static class InputReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads every input; a folder contributes its .cs and .md files outside bin/ and obj/.</summary>
    public static async Task<IReadOnlyList<SnippetSource>> ReadAsync(IReadOnlyList<string> paths, TextReader stdin, CancellationToken ct)
    {
        var sources = new List<SnippetSource>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                var text = await stdin.ReadToEndAsync(ct);
                if (text.Contains('\0')) throw new InputException("-: standard input is binary, not C# text");
                sources.Add(new SnippetSource("-", text));
                continue;
            }
            if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path))
                    sources.AddRange(await ReadFileAsync(file, ct));
                continue;
            }
            if (!File.Exists(path)) throw new InputException($"{path}: no such file or folder");
            sources.AddRange(await ReadFileAsync(path, ct));
        }
        return sources;
    }

    public static async Task<IReadOnlyList<SnippetSource>> ReadFileAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var text = Decode(path, bytes);
        return IsMarkdown(path) ? MarkdownBlocks.Extract(path, text) : [new SnippetSource(path, text)];
    }

    public static bool IsMarkdown(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> FilesUnder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || IsMarkdown(f))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal);

    private static string Decode(string path, byte[] bytes)
    {
        // A NUL byte never occurs in C# or Markdown text; it marks an executable, an image, an archive, …
        if (Array.IndexOf(bytes, (byte)0) >= 0 && !HasUtf16Bom(bytes))
            throw new InputException($"{path}: binary file, not C# text");
        try
        {
            if (HasUtf16Bom(bytes))
                return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
            int skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return StrictUtf8.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException($"{path}: not UTF-8 text (binary file?)");
        }
    }

    private static bool HasUtf16Bom(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE;
}
