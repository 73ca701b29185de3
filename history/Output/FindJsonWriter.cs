using System.Text.Json;
using ApiTruth.History.Find;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Output;

/// <summary><c>apitruth find --format json</c>: {query, total, matches: [{package, packageKind, symbol, display, kind, versions, versionRanges, inNewest}], suggestions}.</summary>
internal static class FindJsonWriter
{
    public static void Write(Utf8JsonWriter json, FindResult result)
    {
        json.WriteStartObject();
        json.WriteString("query", result.Query);
        json.WriteNumber("total", result.Total);
        json.WriteStartArray("matches");
        foreach (var match in result.Matches)
        {
            json.WriteStartObject();
            json.WriteString("package", match.Package);
            json.WriteString("packageKind", match.PackageKind == PackageKind.Framework ? "framework" : "package");
            json.WriteString("symbol", match.Symbol);
            json.WriteString("display", match.Display);
            json.WriteString("kind", match.Kind.ToWord());
            json.WriteStartArray("versions");
            foreach (var version in match.Versions) json.WriteStringValue(version);
            json.WriteEndArray();
            json.WriteStartArray("versionRanges");
            foreach (var range in match.VersionRanges) json.WriteStringValue(range);
            json.WriteEndArray();
            json.WriteNumber("indexedVersions", match.IndexedVersionCount);
            json.WriteBoolean("inNewest", match.InNewest);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("suggestions");
        foreach (var suggestion in result.Suggestions) json.WriteStringValue(suggestion);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
