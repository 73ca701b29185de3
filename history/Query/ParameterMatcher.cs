namespace ApiTruth.History.Query;

/// <summary>
/// Scores how well a query's parameter list fits a doc ID's: -1 when it does not fit, otherwise higher for
/// closer fits, so <c>Foo(string)</c> prefers <c>Foo(System.String)</c> over <c>Foo(``0)</c> while still
/// finding the generic overload when it is the only one.
/// </summary>
internal static class ParameterMatcher
{
    private const int Exact = 2;
    private const int Loose = 1;

    public static int Score(IReadOnlyList<TypePattern> query, string docId)
    {
        if (query.Count == 0) return DocIdType.ParseParameters(docId).Count == 0 ? Exact : -1;
        if (!DocIdType.HasParameterList(docId)) return -1;
        var parameters = DocIdType.ParseParameters(docId);
        if (parameters.Count != query.Count) return -1;
        var total = 0;
        for (var i = 0; i < query.Count; i++)
        {
            if (query[i].Modifier is PassingModifier.Ref or PassingModifier.Out or PassingModifier.In && !parameters[i].IsByRef) return -1;
            var score = Score(query[i], parameters[i]);
            if (score < 0) return -1;
            total += score;
        }
        return total;
    }

    private static int Score(TypePattern query, DocIdType type)
    {
        if (query.PointerDepth != type.PointerDepth || !query.ArrayRanks.SequenceEqual(type.ArrayRanks)) return -1;
        if (type.GenericParameter is not null) return Loose;
        if (query.IsNullable)
        {
            var plain = query with { IsNullable = false, ArrayRanks = [], PointerDepth = 0 };
            var element = type with { ArrayRanks = [], PointerDepth = 0 };
            if (element.Segments.Count == 2 && element.Segments[0] == "System" && element.Segments[1] == "Nullable" && element.TypeArguments.Count == 1)
                return Score(plain, element.TypeArguments[0]);
            return Score(plain, element);
        }
        var nameScore = NameScore(query.Segments, type.Segments);
        if (nameScore < 0) return -1;
        if (query.TypeArguments.Count == 0) return type.TypeArguments.Count == 0 ? nameScore : Loose;
        if (query.TypeArguments.Count != type.TypeArguments.Count) return -1;
        var total = nameScore;
        for (var i = 0; i < query.TypeArguments.Count; i++)
        {
            var score = Score(query.TypeArguments[i], type.TypeArguments[i]);
            if (score < 0) return -1;
            total += score;
        }
        return total;
    }

    /// <summary>The query's name parts must be the last parts of the doc-ID name (a simple name matches any namespace).</summary>
    private static int NameScore(IReadOnlyList<string> query, IReadOnlyList<string> type)
    {
        if (query.Count > type.Count) return -1;
        var offset = type.Count - query.Count;
        var exact = true;
        for (var i = 0; i < query.Count; i++)
        {
            if (string.Equals(query[i], type[offset + i], StringComparison.Ordinal)) continue;
            if (!string.Equals(query[i], type[offset + i], StringComparison.OrdinalIgnoreCase)) return -1;
            exact = false;
        }
        return exact ? Exact : Loose;
    }
}
