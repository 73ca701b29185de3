namespace ApiTruth.History.Suggestions;

/// <summary>Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), ignoring case.</summary>
internal static class EditDistance
{
    /// <summary>The distance, or <paramref name="limit"/> + 1 as soon as it is certain to exceed the limit.</summary>
    public static int Compute(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            var ca = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cb = char.ToLowerInvariant(b[j - 1]);
                var cost = ca == cb ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ca == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == cb)
                    value = Math.Min(value, previous2[j - 2] + 1);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }
            if (rowMinimum > limit) return limit + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return Math.Min(previous[b.Length], limit + 1);
    }
}
