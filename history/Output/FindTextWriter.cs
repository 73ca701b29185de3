using ApiTruth.History.Find;
using ApiTruth.Indexer.Model;

namespace ApiTruth.History.Output;

/// <summary><c>apitruth find</c> for people: one line per API, best first, with the versions that have it.</summary>
internal static class FindTextWriter
{
    public static void Write(TextWriter writer, FindResult result)
    {
        if (result.Matches.Count == 0)
        {
            writer.WriteLine($"No indexed package or framework defines '{result.Query}'.");
            if (result.Suggestions.Count > 0) writer.WriteLine("Closest names: " + string.Join(", ", result.Suggestions));
            return;
        }
        var shown = result.Matches.Count < result.Total ? $", showing the best {result.Matches.Count} (--limit for more)" : "";
        writer.WriteLine($"'{result.Query}': {result.Total} match(es){shown}");
        var table = new TextTable("package", "kind", "api", "versions");
        foreach (var match in result.Matches)
        {
            var versions = string.Join(", ", match.VersionRanges);
            var count = match.Versions.Count == match.IndexedVersionCount
                ? $"all {match.IndexedVersionCount}"
                : $"{match.Versions.Count} of {match.IndexedVersionCount}";
            table.Add(match.Package, match.Kind.ToWord(), match.Display, $"{versions} ({count} indexed)");
        }
        table.Write(writer, "");
    }
}
