using ApiTruth.History.Index;

namespace ApiTruth.History.Query;

/// <summary>The doc IDs a query names in one package, and whether finding them needed case to be ignored.</summary>
internal sealed record MatchSet(IReadOnlyList<string> DocIds, bool IgnoredCase)
{
    public static readonly MatchSet None = new([], false);
}

/// <summary>
/// Resolves a query to doc IDs of one package's catalog: the query's name parts must be the last parts of the
/// doc ID's qualified name (arity checked where the query gives one), then a parameter list, if any, keeps the
/// best-fitting overloads. Exact case first; only when nothing matches, case is ignored.
/// </summary>
internal static class ApiMatcher
{
    public static MatchSet Find(ApiQuery query, PackageApis apis, bool ignoreCase = false)
    {
        if (query.DocId is { } docId)
        {
            if (apis.Variants(docId).Count > 0) return new MatchSet([docId], false);
            return MatchSet.None;
        }
        var candidates = apis.DocIdsNamed(query.SimpleName);
        if (candidates.Count == 0) return MatchSet.None;
        if (!ignoreCase)
        {
            var exact = Filter(query, candidates, StringComparison.Ordinal);
            if (exact.Count > 0) return new MatchSet(exact, false);
        }
        var loose = Filter(query, candidates, StringComparison.OrdinalIgnoreCase);
        return loose.Count > 0 ? new MatchSet(loose, true) : MatchSet.None;
    }

    /// <summary>Whether the query's name parts end the doc ID's qualified name.</summary>
    public static bool NameMatches(IReadOnlyList<NameSegment> query, string docId, StringComparison comparison)
    {
        var qualified = ApiTruth.Indexer.Model.DocIds.QualifiedName(docId);
        var index = query.Count - 1;
        var end = qualified.Length;
        while (index >= 0)
        {
            if (end <= 0) return false;
            var start = qualified[..end].LastIndexOf('.') + 1;
            if (!SegmentMatches(query[index], qualified[start..end], comparison)) return false;
            end = start - 1;
            index--;
        }
        return true;
    }

    private static List<string> Filter(ApiQuery query, IReadOnlyList<string> candidates, StringComparison comparison)
    {
        var named = candidates.Where(c => NameMatches(query.Segments, c, comparison)).ToList();
        if (query.Parameters is not { } parameters || named.Count == 0) return named;
        if (parameters.Count == 0) return named.Where(c => c.StartsWith("M:", StringComparison.Ordinal) && ParameterMatcher.Score(parameters, c) >= 0).ToList();
        var scored = named.Select(c => (DocId: c, Score: ParameterMatcher.Score(parameters, c))).Where(s => s.Score >= 0).ToList();
        if (scored.Count == 0) return [];
        var best = scored.Max(s => s.Score);
        return scored.Where(s => s.Score == best).Select(s => s.DocId).ToList();
    }

    private static bool SegmentMatches(NameSegment query, ReadOnlySpan<char> segment, StringComparison comparison)
    {
        var tick = segment.IndexOf('`');
        var name = tick >= 0 ? segment[..tick] : segment;
        if (!name.Equals(query.Name, comparison)) return false;
        if (query.Arity is not { } arity) return true;
        var actual = 0;
        if (tick >= 0)
        {
            var digits = segment[(segment.LastIndexOf('`') + 1)..];
            if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out actual)) return false;
        }
        return actual == arity;
    }
}
