using System.Text.Json;
using ApiTruth.History.Availability;

namespace ApiTruth.History.Output;

/// <summary>
/// <c>apitruth history --format json</c>, the shape other tools parse (issue 3): package, query, framework, matches
/// (symbol, display, versions [version, status, asset], introduced, lastPresent, removedIn, notIndexed), suggestions.
/// Fields beyond those (allFrameworks, kind, conclusion, placeholder, obsoleteMessage, definedElsewhere, versionsWithoutAsset, matchedIgnoringCase) are additions, never renames.
/// </summary>
internal static class HistoryJsonWriter
{
    public static void Write(Utf8JsonWriter json, HistoryResult result)
    {
        json.WriteStartObject();
        json.WriteString("package", result.Package);
        json.WriteString("query", result.Query);
        if (result.Framework is null) json.WriteNull("framework");
        else json.WriteString("framework", result.Framework);
        json.WriteBoolean("allFrameworks", result.AllFrameworks);
        json.WriteStartArray("matches");
        foreach (var match in result.Matches)
        {
            json.WriteStartObject();
            json.WriteString("symbol", match.Symbol);
            json.WriteString("display", match.Display);
            json.WriteString("kind", Indexer.Model.ApiKindExtensions.ToWord(match.Kind));
            json.WriteStartArray("versions");
            foreach (var row in match.Versions)
            {
                json.WriteStartObject();
                json.WriteString("version", row.Version);
                json.WriteString("status", row.Status.ToWord());
                if (row.Asset is null) json.WriteNull("asset");
                else json.WriteString("asset", row.Asset);
                if (row.IsPlaceholder) json.WriteBoolean("placeholder", true);
                if (row.Status == ApiStatus.Obsolete && row.ObsoleteMessage is not null) json.WriteString("obsoleteMessage", row.ObsoleteMessage);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteNullable(json, "introduced", match.Introduced);
            WriteNullable(json, "lastPresent", match.LastPresent);
            WriteNullable(json, "removedIn", match.RemovedIn);
            json.WriteStartArray("notIndexed");
            foreach (var gap in match.NotIndexed) json.WriteStringValue(gap.Range);
            json.WriteEndArray();
            json.WriteString("conclusion", match.Conclusion);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("suggestions");
        foreach (var suggestion in result.Suggestions) json.WriteStringValue(suggestion);
        json.WriteEndArray();
        json.WriteStartArray("definedElsewhere");
        foreach (var package in result.DefinedElsewhere) json.WriteStringValue(package);
        json.WriteEndArray();
        json.WriteStartArray("versionsWithoutAsset");
        foreach (var version in result.VersionsWithoutAsset) json.WriteStringValue(version);
        json.WriteEndArray();
        json.WriteBoolean("matchedIgnoringCase", result.MatchedIgnoringCase);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
