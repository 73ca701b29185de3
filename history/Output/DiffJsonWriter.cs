using System.Text.Json;
using ApiTruth.History.Diff;
using ApiTruth.Indexer.Model;

namespace ApiTruth.History.Output;

/// <summary><c>apitruth diff --format json</c>: counts plus flat added / removed / changed lists, each entry with its namespace and type.</summary>
internal static class DiffJsonWriter
{
    public static void Write(Utf8JsonWriter json, DiffResult result)
    {
        json.WriteStartObject();
        json.WriteString("package", result.Package);
        json.WriteString("from", result.From);
        json.WriteString("to", result.To);
        if (result.Framework is null) json.WriteNull("framework");
        else json.WriteString("framework", result.Framework);
        json.WriteString("fromAsset", result.FromAsset);
        json.WriteString("toAsset", result.ToAsset);
        json.WriteBoolean("breakingOnly", result.BreakingOnly);
        json.WriteStartObject("counts");
        json.WriteNumber("added", result.Added.Count);
        json.WriteNumber("removed", result.Removed.Count);
        json.WriteNumber("changed", result.Changed.Count);
        json.WriteNumber("breaking", result.BreakingCount);
        json.WriteEndObject();
        WriteEntries(json, "added", result.Added);
        WriteEntries(json, "removed", result.Removed);
        json.WriteStartArray("changed");
        foreach (var changed in result.Changed)
        {
            json.WriteStartObject();
            WriteEntryFields(json, changed.Api);
            json.WriteBoolean("breaking", changed.IsBreaking);
            json.WriteStartArray("changes");
            foreach (var change in changed.Changes)
            {
                json.WriteStartObject();
                json.WriteString("kind", change.Kind);
                json.WriteString("description", change.Description);
                json.WriteBoolean("breaking", change.Breaking);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteEntries(Utf8JsonWriter json, string name, IReadOnlyList<DiffEntry> entries)
    {
        json.WriteStartArray(name);
        foreach (var entry in entries)
        {
            json.WriteStartObject();
            WriteEntryFields(json, entry);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteEntryFields(Utf8JsonWriter json, DiffEntry entry)
    {
        json.WriteString("namespace", entry.Namespace);
        json.WriteString("type", entry.Type);
        json.WriteString("symbol", entry.Symbol);
        json.WriteString("display", entry.Display);
        json.WriteString("kind", entry.Kind.ToWord());
    }
}
