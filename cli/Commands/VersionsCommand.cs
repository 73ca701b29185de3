using System.CommandLine;
using System.Text.Json;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary><c>apitruth versions &lt;package&gt;</c>: what the feeds serve and what the index holds, in NuGet order.</summary>
internal static class VersionsCommand
{
    private sealed record Row(string Version, bool? Served, string Status, string? Reason, int Apis, IReadOnlyList<(string Path, int Apis, bool Placeholder)> Groups);

    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "A package id, or '.NET' / 'ASP.NET Core' for the framework series." };
        var format = CommonOptions.Format("text", "json");
        var offline = new Option<bool>("--offline") { Description = "Do not ask the feeds; show only what the index holds." };
        var index = CommonOptions.Index();
        var command = new Command("versions", "List the versions the feeds serve and what is indexed (status, asset groups, API counts).")
        {
            package, format, offline, index,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(package)!, parse.GetValue(format)!, parse.GetValue(offline), parse.GetValue(index), ct));
        return command;
    }

    private static async Task<int> RunAsync(string packageId, string format, bool offline, string? indexPath, CancellationToken ct)
    {
        var path = IndexLocation.Resolve(indexPath);
        var rows = new Dictionary<string, Row>(StringComparer.OrdinalIgnoreCase);
        var kind = FrameworkSeries.IsSeries(packageId) ? PackageKind.Framework : PackageKind.Package;
        string? feedNote = null;
        if (!offline && kind == PackageKind.Package)
        {
            using var feed = PackageFeed.FromConfiguration();
            try
            {
                foreach (var version in await feed.ListVersionsAsync(packageId, ct))
                    rows[version.ToNormalizedString()] = new Row(version.ToNormalizedString(), true, "not indexed", null, 0, []);
            }
            catch (PackageUnavailableException e)
            {
                feedNote = $"the feeds could not be asked: {e.Message}";
            }
        }
        var displayName = packageId;
        if (File.Exists(path))
        {
            using var reader = new IndexReader(path);
            if (reader.FindPackage(packageId) is { } stored)
            {
                displayName = stored.Name;
                kind = stored.Kind;
                foreach (var version in reader.GetVersions(stored))
                {
                    var groups = reader.GetAssetGroups(version.Id)
                        .Select(g => (g.Path, g.ApiSetId is { } set ? reader.GetApiSet(set).Length : 0, g.IsPlaceholder))
                        .ToList();
                    bool? served = offline || kind == PackageKind.Framework ? null : rows.ContainsKey(version.Version);
                    rows[version.Version] = new Row(version.Version, served, version.Status, version.Reason, version.ApiCount, groups);
                }
            }
        }
        if (rows.Count == 0)
        {
            Console.Error.WriteLine($"apitruth: {packageId}: no version is served by the configured feeds or stored in {path}.");
            return ExitCodes.Usage;
        }
        var ordered = rows.Values.OrderBy(r => r.Version, VersionOrder.Comparer(kind)).ToList();
        if (format == "json")
            WriteJson(displayName, path, ordered);
        else
            WriteText(displayName, path, ordered, feedNote);
        return ExitCodes.Success;
    }

    private static void WriteText(string package, string path, IReadOnlyList<Row> rows, string? feedNote)
    {
        var served = rows.Count(r => r.Served == true);
        var indexed = rows.Count(r => r.Status is "indexed" or "partial");
        Console.WriteLine($"{package}: {served} version(s) served, {indexed} indexed (index: {path})");
        if (feedNote is not null) Console.WriteLine($"note: {feedNote}");
        Console.WriteLine($"{"version",-22} {"served",-7} {"status",-12} {"APIs",8}  asset groups (APIs)");
        foreach (var row in rows)
        {
            var groups = string.Join(", ", row.Groups.Select(g => g.Placeholder ? $"{g.Path} (_._)" : $"{g.Path} ({g.Apis:N0})"));
            var servedText = row.Served switch { true => "yes", false => "no", null => "-" };
            Console.WriteLine($"{row.Version,-22} {servedText,-7} {row.Status,-12} {(row.Apis > 0 ? row.Apis.ToString("N0") : ""),8}  {groups}");
            if (row.Reason is not null && row.Status != "indexed") Console.WriteLine($"{"",-22} {row.Reason}");
        }
    }

    private static void WriteJson(string package, string path, IReadOnlyList<Row> rows)
    {
        using var stream = Console.OpenStandardOutput();
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("package", package);
        json.WriteString("index", path);
        json.WriteStartArray("versions");
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("version", row.Version);
            if (row.Served is { } served) json.WriteBoolean("served", served);
            else json.WriteNull("served");
            json.WriteString("status", row.Status);
            if (row.Reason is not null) json.WriteString("reason", row.Reason);
            json.WriteNumber("apis", row.Apis);
            json.WriteStartArray("assetGroups");
            foreach (var group in row.Groups)
            {
                json.WriteStartObject();
                json.WriteString("path", group.Path);
                json.WriteNumber("apis", group.Apis);
                json.WriteBoolean("placeholder", group.Placeholder);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }
}
