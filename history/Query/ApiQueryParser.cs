namespace ApiTruth.History.Query;

/// <summary>A query that cannot be parsed; the message is one line that says what was expected.</summary>
internal sealed class ApiQueryException(string message) : FormatException(message);

/// <summary>
/// Parses what people type for an API: <c>JsonConvert.DeserializeObject</c>, <c>Newtonsoft.Json.JsonConvert</c>,
/// <c>string.Contains(char)</c>, <c>JsonConvert.DeserializeObject&lt;T&gt;(string value, JsonSerializerSettings? settings = null)</c>,
/// <c>new JsonSerializer()</c>, <c>List`1.Add</c>, or a doc ID (<c>M:Newtonsoft.Json.JsonConvert.SerializeObject(System.Object)</c>).
/// </summary>
internal static class ApiQueryParser
{
    private static readonly Dictionary<string, string[]> Keywords = new(StringComparer.Ordinal)
    {
        ["bool"] = ["System", "Boolean"],
        ["byte"] = ["System", "Byte"],
        ["sbyte"] = ["System", "SByte"],
        ["char"] = ["System", "Char"],
        ["decimal"] = ["System", "Decimal"],
        ["double"] = ["System", "Double"],
        ["float"] = ["System", "Single"],
        ["int"] = ["System", "Int32"],
        ["uint"] = ["System", "UInt32"],
        ["long"] = ["System", "Int64"],
        ["ulong"] = ["System", "UInt64"],
        ["short"] = ["System", "Int16"],
        ["ushort"] = ["System", "UInt16"],
        ["nint"] = ["System", "IntPtr"],
        ["nuint"] = ["System", "UIntPtr"],
        ["object"] = ["System", "Object"],
        ["dynamic"] = ["System", "Object"],
        ["string"] = ["System", "String"],
        ["void"] = ["System", "Void"],
    };

    public static ApiQuery Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw new ApiQueryException("the API name is empty: expected e.g. JsonConvert.DeserializeObject.");
        if (trimmed.Length > 2 && trimmed[1] == ':' && trimmed[0] is 'T' or 'M' or 'P' or 'F' or 'E')
        {
            if (trimmed.Any(char.IsWhiteSpace)) throw new ApiQueryException($"'{trimmed}' looks like a doc ID but contains spaces.");
            return new ApiQuery(trimmed, trimmed, DocIdSegments(trimmed), null);
        }
        var cursor = new Cursor(trimmed);
        try
        {
            return ParseName(cursor, trimmed);
        }
        catch (ApiQueryException e)
        {
            throw new ApiQueryException($"'{trimmed}' is not an API name ({e.Message}): expected Type.Member, Ns.Type.Member, Type.Member(string, int), Type.Method<T> or a doc ID.");
        }
    }

    /// <summary>Whether a word is a C# keyword for a built-in type, mapped to its System name parts.</summary>
    public static bool TryMapKeyword(string word, out IReadOnlyList<string> segments)
    {
        var found = Keywords.TryGetValue(word, out var parts);
        segments = parts ?? [];
        return found;
    }

    private static ApiQuery ParseName(Cursor cursor, string text)
    {
        var isConstructorCall = false;
        cursor.SkipSpaces();
        if (cursor.TryWord("new"))
        {
            isConstructorCall = true;
            cursor.SkipSpaces();
        }
        var segments = new List<NameSegment>();
        cursor.SkipGlobalAlias();
        while (true)
        {
            cursor.SkipSpaces();
            if (cursor.TryRead('#') || (segments.Count > 0 && cursor.Previous == '.' && cursor.TryRead('.')))
            {
                // "Type.#ctor" (doc-ID spelling) or "Type..ctor" (metadata spelling).
                var word = cursor.Identifier();
                if (word is not ("ctor" or "cctor")) throw new ApiQueryException($"unexpected '{word}' after '#' or '.'");
                segments.Add(new NameSegment("#" + word, null));
            }
            else if (cursor.TryWord("this", allowBefore: '['))
            {
                // An indexer: "List<T>.this[int]" is the property Item with an index parameter list.
                cursor.TryRead('[');
                var indexParameters = ParseParameters(cursor, ']');
                segments.Add(new NameSegment("Item", null));
                return Finish(cursor, text, segments, indexParameters, isConstructorCall);
            }
            else
            {
                var name = cursor.Identifier();
                int? arity = null;
                if (cursor.TryRead('<')) arity = CountTypeArguments(cursor);
                else if (cursor.TryRead('`'))
                {
                    cursor.TryRead('`');
                    arity = cursor.Number();
                }
                if (segments.Count == 0 && arity is null && Keywords.TryGetValue(name, out var system))
                    segments.AddRange(system.Select(s => new NameSegment(s, 0)));
                else
                    segments.Add(new NameSegment(name, arity));
            }
            cursor.SkipSpaces();
            if (!cursor.TryRead('.')) break;
        }

        IReadOnlyList<TypePattern>? parameters = null;
        cursor.SkipSpaces();
        if (cursor.TryRead('('))
        {
            parameters = ParseParameters(cursor, ')');
        }
        return Finish(cursor, text, segments, parameters, isConstructorCall);
    }

    private static ApiQuery Finish(Cursor cursor, string text, List<NameSegment> segments, IReadOnlyList<TypePattern>? parameters, bool isConstructorCall)
    {
        cursor.SkipSpaces();
        cursor.TryRead(';');
        cursor.SkipSpaces();
        if (!cursor.AtEnd) throw new ApiQueryException($"unexpected '{cursor.Rest}'");
        if (isConstructorCall) segments.Add(new NameSegment("#ctor", null));
        return new ApiQuery(text, null, segments, parameters);
    }

    private static int CountTypeArguments(Cursor cursor)
    {
        // Only the count matters for the name (`1, ``1); the argument names may be anything (T, TKey, int).
        var depth = 1;
        var commas = 0;
        while (depth > 0)
        {
            if (cursor.AtEnd) throw new ApiQueryException("'<' is not closed");
            var c = cursor.Next();
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == ',' && depth == 1) commas++;
        }
        return commas + 1;
    }

    private static List<TypePattern> ParseParameters(Cursor cursor, char closing)
    {
        var parameters = new List<TypePattern>();
        cursor.SkipSpaces();
        if (cursor.TryRead(closing)) return parameters;
        while (true)
        {
            parameters.Add(ParseParameter(cursor));
            cursor.SkipSpaces();
            if (cursor.TryRead(closing)) return parameters;
            if (!cursor.TryRead(',')) throw new ApiQueryException(cursor.AtEnd ? "a parameter list is not closed" : $"expected ',' or '{closing}' at '{cursor.Rest}'");
        }
    }

    private static TypePattern ParseParameter(Cursor cursor)
    {
        cursor.SkipSpaces();
        while (cursor.TryAttribute()) cursor.SkipSpaces();
        var modifier = PassingModifier.None;
        while (true)
        {
            cursor.SkipSpaces();
            if (cursor.TryWord("ref")) modifier = PassingModifier.Ref;
            else if (cursor.TryWord("out")) modifier = PassingModifier.Out;
            else if (cursor.TryWord("in")) modifier = PassingModifier.In;
            else if (cursor.TryWord("params")) modifier = PassingModifier.Params;
            else if (cursor.TryWord("this")) modifier = PassingModifier.This;
            else if (cursor.TryWord("readonly") || cursor.TryWord("scoped")) { }
            else break;
        }
        var type = ParseType(cursor) with { Modifier = modifier };
        cursor.SkipSpaces();
        // A parameter name and a default value, as copied from a signature: "string value = null".
        if (cursor.PeekIdentifierStart()) cursor.Identifier();
        cursor.SkipSpaces();
        if (cursor.TryRead('=')) cursor.SkipDefaultValue();
        return type;
    }

    private static TypePattern ParseType(Cursor cursor)
    {
        cursor.SkipSpaces();
        TypePattern type;
        if (cursor.TryRead('('))
        {
            // A tuple type: (int, string) is System.ValueTuple`2.
            var elements = new List<TypePattern>();
            while (true)
            {
                elements.Add(ParseType(cursor));
                cursor.SkipSpaces();
                if (cursor.PeekIdentifierStart()) cursor.Identifier();
                cursor.SkipSpaces();
                if (cursor.TryRead(')')) break;
                if (!cursor.TryRead(',')) throw new ApiQueryException("a tuple type is not closed");
            }
            if (elements.Count < 2) throw new ApiQueryException("a tuple type needs two elements");
            type = new TypePattern(["System", "ValueTuple"], elements, [], 0, false, PassingModifier.None);
        }
        else
        {
            cursor.SkipGlobalAlias();
            var segments = new List<string>();
            var arguments = new List<TypePattern>();
            while (true)
            {
                cursor.SkipSpaces();
                segments.Add(cursor.Identifier());
                cursor.SkipSpaces();
                if (cursor.TryRead('<'))
                {
                    while (true)
                    {
                        arguments.Add(ParseType(cursor));
                        cursor.SkipSpaces();
                        if (cursor.TryRead('>')) break;
                        if (!cursor.TryRead(',')) throw new ApiQueryException("'<' is not closed");
                    }
                    cursor.SkipSpaces();
                }
                if (!cursor.TryRead('.')) break;
            }
            if (segments.Count == 1 && arguments.Count == 0 && Keywords.TryGetValue(segments[0], out var system))
                segments = [.. system];
            type = new TypePattern(segments, arguments, [], 0, false, PassingModifier.None);
        }

        var ranks = new List<int>();
        var pointers = 0;
        var nullable = false;
        while (true)
        {
            cursor.SkipSpaces();
            if (cursor.TryRead('?')) nullable = true;
            else if (cursor.TryRead('*')) pointers++;
            else if (cursor.TryRead('['))
            {
                var rank = 1;
                cursor.SkipSpaces();
                while (cursor.TryRead(','))
                {
                    rank++;
                    cursor.SkipSpaces();
                }
                if (!cursor.TryRead(']')) throw new ApiQueryException("'[' is not closed");
                ranks.Add(rank);
            }
            else break;
        }
        return type with { ArrayRanks = ranks, PointerDepth = pointers, IsNullable = nullable };
    }

    /// <summary>The name parts of a doc ID, with arities, so doc IDs and names share one matcher.</summary>
    private static List<NameSegment> DocIdSegments(string docId)
    {
        var segments = new List<NameSegment>();
        foreach (var part in ApiTruth.Indexer.Model.DocIds.QualifiedName(docId).ToString().Split('.'))
        {
            var tick = part.IndexOf('`');
            segments.Add(tick < 0
                ? new NameSegment(part, 0)
                : new NameSegment(part[..tick], int.TryParse(part.AsSpan(part.LastIndexOf('`') + 1), out var arity) ? arity : null));
        }
        return segments;
    }

    private sealed class Cursor(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public string Rest => text[_position..];

        public char Previous => _position > 0 ? text[_position - 1] : '\0';

        public char Next() => text[_position++];

        public void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        }

        public bool TryRead(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        public bool PeekIdentifierStart() =>
            _position < text.Length && (char.IsLetter(text[_position]) || text[_position] is '_' or '@');

        /// <summary>Consumes a whole word (a keyword such as <c>ref</c>) only when it is followed by a non-identifier character.</summary>
        public bool TryWord(string word, char? allowBefore = null)
        {
            if (string.CompareOrdinal(text, _position, word, 0, word.Length) != 0) return false;
            var end = _position + word.Length;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) return false;
            // "in" or "out" alone (a parameter named that way, or a type) is a name, not a modifier.
            var after = end;
            while (after < text.Length && char.IsWhiteSpace(text[after])) after++;
            if (allowBefore is { } required)
            {
                if (after >= text.Length || text[after] != required) return false;
                _position = after;
                return true;
            }
            if (after >= text.Length || text[after] is ',' or ')' or ']' or '.' or '<' or '(' or '=') return false;
            _position = end;
            return true;
        }

        public string Identifier()
        {
            TryRead('@');
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_')) _position++;
            if (_position == start || char.IsDigit(text[start]))
                throw new ApiQueryException(AtEnd ? "a name is missing at the end" : $"expected a name at '{Rest}'");
            return text[start.._position];
        }

        public int Number()
        {
            var start = _position;
            while (_position < text.Length && char.IsDigit(text[_position])) _position++;
            if (_position == start) throw new ApiQueryException("expected the generic arity after '`'");
            return int.Parse(text.AsSpan(start, _position - start), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void SkipGlobalAlias()
        {
            SkipSpaces();
            if (string.CompareOrdinal(text, _position, "global::", 0, 8) == 0) _position += 8;
        }

        /// <summary>Skips an attribute list such as <c>[NotNull]</c> before a parameter.</summary>
        public bool TryAttribute()
        {
            if (_position >= text.Length || text[_position] != '[') return false;
            var close = text.IndexOf(']', _position);
            if (close < 0) throw new ApiQueryException("'[' is not closed");
            _position = close + 1;
            return true;
        }

        /// <summary>Skips a default value up to the next top-level ',' or ')' (strings and nested brackets included).</summary>
        public void SkipDefaultValue()
        {
            var depth = 0;
            while (_position < text.Length)
            {
                var c = text[_position];
                if (c == '"')
                {
                    _position++;
                    while (_position < text.Length && text[_position] != '"') _position += text[_position] == '\\' ? 2 : 1;
                }
                else if (c is '(' or '[' or '<') depth++;
                else if (c is ']' or '>') depth--;
                else if (c == ')')
                {
                    if (depth == 0) return;
                    depth--;
                }
                else if (c == ',' && depth == 0) return;
                _position++;
            }
        }
    }
}
