namespace ApiTruth.History.Suggestions;

/// <summary>Splits identifiers into lower-case words: <c>DeserializeObjectAsync</c> → deserialize, object, async; <c>JSONReader</c> → json, reader.</summary>
internal static class NameWords
{
    public static IReadOnlyList<string> Split(string name)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(i);
                continue;
            }
            if (start < 0)
            {
                start = i;
                continue;
            }
            var previous = name[i - 1];
            var boundary =
                (char.IsUpper(c) && char.IsLower(previous))
                || (char.IsUpper(c) && char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]))
                || (char.IsDigit(c) != char.IsDigit(previous));
            if (boundary)
            {
                Flush(i);
                start = i;
            }
        }
        Flush(name.Length);
        return words;

        void Flush(int end)
        {
            if (start >= 0 && end > start) words.Add(name[start..end].ToLowerInvariant());
            start = -1;
        }
    }
}
