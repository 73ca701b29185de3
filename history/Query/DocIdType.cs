namespace ApiTruth.History.Query;

/// <summary>
/// A parameter type as a classic doc ID writes it: <c>System.Collections.Generic.IEnumerable{``0}</c>,
/// <c>System.Int32[0:,0:]</c>, <c>System.Int32@</c> (by reference), <c>`0</c> (a type's generic parameter).
/// </summary>
/// <param name="Segments">Dotted name parts; empty for a generic parameter.</param>
/// <param name="TypeArguments">Generic arguments of every level of the name, flattened in order.</param>
/// <param name="GenericParameter">The position of a generic parameter (<c>`0</c>, <c>``1</c>), or null.</param>
internal sealed record DocIdType(
    IReadOnlyList<string> Segments,
    IReadOnlyList<DocIdType> TypeArguments,
    int? GenericParameter,
    IReadOnlyList<int> ArrayRanks,
    int PointerDepth,
    bool IsByRef)
{
    /// <summary>The parameter types of a doc ID: empty for <c>M:T.M</c> (no list) and <c>M:T.M()</c>.</summary>
    public static IReadOnlyList<DocIdType> ParseParameters(string docId)
    {
        var open = docId.IndexOf('(');
        if (open < 0) return [];
        var close = MatchingParenthesis(docId, open);
        if (close <= open + 1) return [];
        var result = new List<DocIdType>();
        var position = open + 1;
        while (position < close)
        {
            result.Add(ParseType(docId, ref position, close));
            if (position < close && docId[position] == ',') position++;
            else if (position < close) throw new FormatException($"Unexpected '{docId[position]}' in the doc ID {docId}.");
        }
        return result;
    }

    /// <summary>Whether the doc ID has a parameter list at all (<c>M:T.M</c> has none; an indexer has one).</summary>
    public static bool HasParameterList(string docId) => docId.IndexOf('(') >= 0;

    private static int MatchingParenthesis(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        throw new FormatException($"The doc ID {text} has an unclosed parameter list.");
    }

    private static DocIdType ParseType(string text, ref int position, int end)
    {
        var segments = new List<string>();
        var arguments = new List<DocIdType>();
        int? genericParameter = null;
        if (text[position] == '`')
        {
            position++;
            if (position < end && text[position] == '`') position++;
            var start = position;
            while (position < end && char.IsDigit(text[position])) position++;
            genericParameter = int.Parse(text.AsSpan(start, position - start), System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            var start = position;
            while (position < end)
            {
                var c = text[position];
                if (c == '.')
                {
                    segments.Add(text[start..position]);
                    start = ++position;
                }
                else if (c == '{')
                {
                    segments.Add(text[start..position]);
                    position++;
                    while (true)
                    {
                        arguments.Add(ParseType(text, ref position, end));
                        if (position < end && text[position] == ',') position++;
                        else break;
                    }
                    if (position >= end || text[position] != '}') throw new FormatException($"Unclosed '{{' in the doc ID {text}.");
                    position++;
                    if (position < end && text[position] == '.') start = ++position;
                    else
                    {
                        start = -1;
                        break;
                    }
                }
                else if (c is '[' or '*' or '@' or ',' or '}' or '|' or '!') break;
                else position++;
            }
            if (start >= 0 && position > start) segments.Add(text[start..position]);
        }

        var ranks = new List<int>();
        var pointers = 0;
        var byRef = false;
        while (position < end)
        {
            var c = text[position];
            if (c == '*')
            {
                pointers++;
                position++;
            }
            else if (c == '@')
            {
                byRef = true;
                position++;
            }
            else if (c == '[')
            {
                var rank = 1;
                position++;
                while (position < end && text[position] != ']')
                {
                    if (text[position] == ',') rank++;
                    position++;
                }
                position++;
                ranks.Add(rank);
            }
            else if (c is '|' or '!')
            {
                // A custom modifier (modreq/modopt) names a type that is not part of the parameter's type.
                position++;
                ParseType(text, ref position, end);
            }
            else break;
        }
        return new DocIdType(segments, arguments, genericParameter, ranks, pointers, byRef);
    }
}
