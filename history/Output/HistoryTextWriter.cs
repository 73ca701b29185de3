using ApiTruth.History.Availability;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Output;

/// <summary>
/// <c>apitruth history</c> for people: per API a version table (present / absent / obsolete with its message, and the
/// asset group compared), then one conclusion line. Several overloads share one table, a column each.
/// </summary>
internal static class HistoryTextWriter
{
    private const int ColumnsPerGrid = 8;

    /// <summary>Text shows this many matches at most (JSON has all): a bare member name can match hundreds of types.</summary>
    private const int MaxMatchesShown = 24;

    public static void Write(TextWriter writer, HistoryResult result)
    {
        var scope = result.PackageKind == PackageKind.Framework ? "framework versions"
            : result.AllFrameworks ? "all asset groups"
            : $"framework {result.Framework}";
        var versions = result.IndexedVersions;
        var range = versions.Count == 0 ? "" : versions.Count == 1 ? $" ({versions[0]})" : $" ({versions[0]} to {versions[^1]})";
        writer.WriteLine($"{result.Package}: {result.Query} — {scope}, {versions.Count} indexed version(s){range}");
        if (result.Matches.Count == 0)
        {
            writer.WriteLine($"No API named '{result.Query}' in any indexed version of {result.Package}.");
            if (result.Suggestions.Count > 0) writer.WriteLine("Closest names: " + string.Join(", ", result.Suggestions));
            if (result.DefinedElsewhere.Count > 0)
                writer.WriteLine($"'{result.Query}' is defined in: {string.Join(", ", result.DefinedElsewhere)} (apitruth history <package> {result.Query}).");
            return;
        }
        if (result.MatchedIgnoringCase) writer.WriteLine($"note: nothing matches '{result.Query}' with that case; showing matches that ignore case.");
        if (result.VersionsWithoutAsset.Count > 0)
            writer.WriteLine($"note: no asset for {result.Framework} in {string.Join(", ", result.VersionsWithoutAsset)}: left out (try --framework or --all-frameworks).");
        var matches = result.Matches.Take(MaxMatchesShown).ToList();
        if (matches.Count < result.Matches.Count)
            writer.WriteLine($"note: {result.Matches.Count} APIs match; showing {matches.Count}. Narrow it with Type.Member, a namespace or a parameter list (--format json lists all).");
        writer.WriteLine();

        if (result.AllFrameworks && result.PackageKind == PackageKind.Package)
        {
            foreach (var match in matches) WriteAllFrameworks(writer, match);
        }
        else if (matches.Count == 1)
        {
            WriteSingle(writer, matches[0]);
        }
        else
        {
            for (var start = 0; start < matches.Count; start += ColumnsPerGrid)
                WriteGrid(writer, matches, start, Math.Min(ColumnsPerGrid, matches.Count - start));
        }
    }

    private static void WriteSingle(TextWriter writer, HistoryMatch match)
    {
        writer.WriteLine($"{match.Display}");
        writer.WriteLine($"  {match.Symbol}");
        var table = new TextTable("version", "status", "asset", "");
        string? lastMessage = null;
        foreach (var row in match.Versions)
        {
            var message = row.ObsoleteMessage is { Length: > 0 } m && m != lastMessage ? $"\"{m}\"" : "";
            if (row.Status == ApiStatus.Obsolete) lastMessage = row.ObsoleteMessage;
            table.Add(row.Version, row.Status.ToWord(), Asset(row), message);
        }
        table.Write(writer, "  ");
        writer.WriteLine($"  → {match.Conclusion}");
        writer.WriteLine();
    }

    private static void WriteGrid(TextWriter writer, IReadOnlyList<HistoryMatch> matches, int start, int count)
    {
        var slice = matches.Skip(start).Take(count).ToList();
        for (var i = 0; i < slice.Count; i++)
        {
            writer.WriteLine($"[{start + i + 1}] {slice[i].Display}");
            writer.WriteLine($"    {slice[i].Symbol}");
            foreach (var message in slice[i].Versions.Where(v => v.ObsoleteMessage is { Length: > 0 }).Select(v => v.ObsoleteMessage).Distinct())
                writer.WriteLine($"    obsolete: \"{message}\"");
        }
        var headers = new List<string> { "version" };
        headers.AddRange(slice.Select((_, i) => $"[{start + i + 1}]"));
        headers.Add("asset");
        var table = new TextTable([.. headers]);
        for (var row = 0; row < slice[0].Versions.Count; row++)
        {
            var cells = new List<string> { slice[0].Versions[row].Version };
            cells.AddRange(slice.Select(m => m.Versions[row].Status.ToWord()));
            cells.Add(Asset(slice[0].Versions[row]));
            table.Add([.. cells]);
        }
        writer.WriteLine();
        table.Write(writer, "  ");
        for (var i = 0; i < slice.Count; i++) writer.WriteLine($"  [{start + i + 1}] → {slice[i].Conclusion}");
        writer.WriteLine();
    }

    private static void WriteAllFrameworks(TextWriter writer, HistoryMatch match)
    {
        writer.WriteLine(match.Display);
        writer.WriteLine($"  {match.Symbol}");
        var assets = match.Versions.Select(v => v.Asset ?? "").Distinct().Order(StringComparer.Ordinal).ToList();
        var table = new TextTable(["version", .. assets]);
        foreach (var version in match.Versions.GroupBy(v => v.Version))
        {
            var cells = new List<string> { version.Key };
            foreach (var asset in assets)
            {
                var cell = version.FirstOrDefault(v => (v.Asset ?? "") == asset);
                cells.Add(cell is null ? "" : cell.IsPlaceholder ? "(_._)" : cell.Status.ToWord());
            }
            table.Add([.. cells]);
        }
        table.Write(writer, "  ");
        foreach (var message in match.Versions.Where(v => v.ObsoleteMessage is { Length: > 0 }).Select(v => v.ObsoleteMessage).Distinct())
            writer.WriteLine($"  obsolete: \"{message}\"");
        writer.WriteLine($"  → {match.Conclusion}");
        writer.WriteLine();
    }

    private static string Asset(VersionAvailability row) => row.IsPlaceholder ? $"{row.Asset} (_._, no assembly)" : row.Asset ?? "";
}
