using ApiTruth.History.Diff;
using ApiTruth.Indexer.Model;

namespace ApiTruth.History.Output;

/// <summary>
/// <c>apitruth diff</c> for people: counts, then per namespace and type the added (+), removed (-) and changed (~)
/// APIs. A type added or removed as a whole is one line with its member count, not a line per member.
/// </summary>
internal static class DiffTextWriter
{
    public static void Write(TextWriter writer, DiffResult result)
    {
        var framework = result.Framework is null ? "" : $"for {result.Framework}: ";
        writer.WriteLine($"{result.Package} {result.From} → {result.To} ({framework}{result.FromAsset} → {result.ToAsset})");
        var breaking = result.BreakingCount;
        writer.WriteLine(result.BreakingOnly
            ? $"breaking: {breaking} (removed {result.Removed.Count}, changed {result.Changed.Count})"
            : $"added {result.Added.Count}, removed {result.Removed.Count}, changed {result.Changed.Count} (breaking: {breaking})");
        if (result.Added.Count + result.Removed.Count + result.Changed.Count == 0)
        {
            writer.WriteLine(result.BreakingOnly ? "Nothing that can break a caller." : "The two surfaces are identical.");
            return;
        }

        var lines = new List<(string Namespace, string Type, int Order, string Text)>();
        AddEntries(lines, result.Added, '+');
        AddEntries(lines, result.Removed, '-');
        foreach (var changed in result.Changed)
        {
            var text = $"~ {changed.Api.Display}: {string.Join("; ", changed.Changes.Select(c => c.Breaking ? c.Description + " [breaking]" : c.Description))}";
            lines.Add((changed.Api.Namespace, changed.Api.Type, 2, text));
        }
        foreach (var ns in lines.GroupBy(l => l.Namespace).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            writer.WriteLine();
            writer.WriteLine(ns.Key.Length == 0 ? "(global namespace)" : $"namespace {ns.Key}");
            foreach (var type in ns.GroupBy(l => l.Type).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                writer.WriteLine($"  {type.Key}");
                foreach (var line in type.OrderBy(l => l.Order)) writer.WriteLine($"    {line.Text}");
            }
        }
    }

    private static void AddEntries(List<(string, string, int, string)> lines, IReadOnlyList<DiffEntry> entries, char sign)
    {
        var wholeTypes = entries.Where(e => e.Kind.IsType()).Select(e => (e.Namespace, e.Type)).ToHashSet();
        foreach (var group in entries.GroupBy(e => (e.Namespace, e.Type)))
        {
            if (wholeTypes.Contains(group.Key))
            {
                var type = group.First(e => e.Kind.IsType());
                var members = group.Count() - 1;
                lines.Add((group.Key.Namespace, group.Key.Type, sign == '+' ? 0 : 1,
                    $"{sign} {type.Display}{(members > 0 ? $" ({members} member{(members == 1 ? "" : "s")})" : "")}"));
                continue;
            }
            foreach (var entry in group) lines.Add((entry.Namespace, entry.Type, sign == '+' ? 0 : 1, $"{sign} {entry.Display}"));
        }
    }
}
