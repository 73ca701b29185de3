namespace ApiTruth.Checker.Binding;

/// <summary>How alike two identifiers are, for "did you mean" (0 = nothing in common, 1 = equal ignoring case).</summary>
internal static class Similarity
{
    public static double Score(string wanted, string candidate)
    {
        if (wanted.Length == 0 || candidate.Length == 0) return 0;
        var a = wanted.ToLowerInvariant();
        var b = candidate.ToLowerInvariant();
        double edit = 1.0 - (double)Levenshtein(a, b) / Math.Max(a.Length, b.Length);
        var wordsA = Words(wanted);
        var wordsB = Words(candidate);
        double shared = wordsA.Intersect(wordsB, StringComparer.OrdinalIgnoreCase).Sum(Weight);
        double words = shared / Math.Max(wordsA.Sum(Weight), wordsB.Sum(Weight));
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        double bonus = prefix >= 3 ? 0.1 : 0;
        return Math.Min(1.0, Math.Max(edit, words) + bonus);
    }

    // Words that many API names share say little about which one was meant.
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase)
        { "Async", "Get", "Set", "To", "Is", "Has", "Try", "Add", "Remove", "With", "Create", "On", "Or", "And", "By", "From", "I" };

    private static double Weight(string word) => CommonWords.Contains(word) ? 0.3 : 1.0;

    /// <summary>Camel-case words: <c>GetCollectionStatsAsync</c> → Get, Collection, Stats, Async.</summary>
    public static List<string> Words(string identifier)
    {
        var words = new List<string>();
        int start = 0;
        for (int i = 1; i <= identifier.Length; i++)
        {
            if (i == identifier.Length || char.IsUpper(identifier[i]) && !char.IsUpper(identifier[i - 1]) || identifier[i] == '_')
            {
                var word = identifier[start..i].Trim('_');
                if (word.Length > 0) words.Add(word);
                start = i;
            }
        }
        return words;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
