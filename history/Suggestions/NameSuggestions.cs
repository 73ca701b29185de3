using ApiTruth.History.Index;
using ApiTruth.History.Query;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Suggestions;

/// <summary>
/// "Did you mean": names close to what was asked, by edit distance (typos) or by shared words
/// (<c>DeserializeObjectAsync</c> → <c>DeserializeObject</c>, <c>SerializeObjectAsync</c>).
/// </summary>
internal static class NameSuggestions
{
    /// <summary>The simple names closest to <paramref name="target"/>, best first.</summary>
    public static IReadOnlyList<string> ClosestNames(string target, IEnumerable<string> names, int max)
    {
        var limit = Math.Clamp(target.Length / 3, 1, 4);
        var targetWords = NameWords.Split(target);
        var scored = new List<(string Name, int Score, int LengthDifference)>();
        foreach (var name in names)
        {
            if (name.Length == 0) continue;
            var distance = EditDistance.Compute(target, name, limit);
            var score = distance;
            if (distance > limit)
            {
                var shared = SharedWords(targetWords, NameWords.Split(name));
                if (shared == 0 || shared * 2 < targetWords.Count) continue;
                score = limit + 1 + (targetWords.Count - shared);
            }
            scored.Add((name, score, Math.Abs(name.Length - target.Length)));
        }
        return scored
            .OrderBy(s => s.Score).ThenBy(s => s.LengthDifference).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(max).Select(s => s.Name).ToList();
    }

    /// <summary>
    /// Suggestions for a query that matched nothing in a package, as <c>Type.Member</c> (or <c>Type</c>) names,
    /// members of the type the query named first.
    /// </summary>
    public static IReadOnlyList<string> ForPackage(ApiQuery query, IndexView view, StoredPackage package, int max = 8)
    {
        var target = query.SimpleName;
        if (target.StartsWith('#') && query.Segments.Count > 1) target = query.Segments[^2].Name;
        var names = ClosestNames(target, view.Names(package), max * 2);
        if (names.Count == 0) return [];
        var apis = view.Apis(package);
        apis.Prefetch(names);
        var wantedType = query.Segments.Count > 1 ? query.Segments[^2].Name : null;
        var suggestions = new List<(string Text, int Rank, int Order)>();
        var order = 0;
        foreach (var name in names)
        {
            foreach (var docId in apis.DocIdsNamed(name))
            {
                var text = ShortName(docId);
                var containing = DocIds.ContainingType(docId) is { } type ? CatalogNameIndex.LastName(type) : null;
                var rank = wantedType is not null && string.Equals(containing, wantedType, StringComparison.OrdinalIgnoreCase) ? 0 : 1;
                suggestions.Add((text, rank, order++));
            }
        }
        return suggestions
            .Where(s => !string.Equals(s.Text, query.DottedName, StringComparison.Ordinal))
            .OrderBy(s => s.Rank).ThenBy(s => s.Order)
            .Select(s => s.Text).Distinct(StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>A doc ID as people name it in a query: <c>JsonConvert.DeserializeObject</c>, <c>JsonConvert</c>, <c>new JsonSerializer</c>.</summary>
    public static string ShortName(string docId)
    {
        var last = CatalogNameIndex.LastName(docId);
        if (docId.StartsWith("T:", StringComparison.Ordinal)) return last;
        var containing = DocIds.ContainingType(docId) is { } type ? CatalogNameIndex.LastName(type) : "";
        if (last == "#ctor") return $"new {containing}";
        return containing.Length == 0 ? last : $"{containing}.{last}";
    }

    private static int SharedWords(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var count = 0;
        foreach (var word in a)
            if (b.Contains(word)) count++;
        return count;
    }
}
