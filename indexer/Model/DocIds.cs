namespace ApiTruth.Indexer.Model;

/// <summary>Reads the parts of a classic documentation-comment ID without a full parser.</summary>
internal static class DocIds
{
    /// <summary>The part before the parameter list or conversion suffix, without the <c>X:</c> prefix.</summary>
    public static ReadOnlySpan<char> QualifiedName(string docId)
    {
        var span = docId.AsSpan(docId.Length > 1 && docId[1] == ':' ? 2 : 0);
        var cut = span.IndexOfAny('(', '~');
        return cut >= 0 ? span[..cut] : span;
    }

    /// <summary><c>DeserializeObject</c> for <c>M:Newtonsoft.Json.JsonConvert.DeserializeObject``1(System.String)</c>; <c>.ctor</c> for constructors.</summary>
    public static string SimpleName(string docId)
    {
        var name = QualifiedName(docId);
        var dot = name.LastIndexOf('.');
        var simple = dot >= 0 ? name[(dot + 1)..] : name;
        if (simple.StartsWith("#ctor", StringComparison.Ordinal)) return ".ctor";
        if (simple.StartsWith("#cctor", StringComparison.Ordinal)) return ".cctor";
        var hash = simple.LastIndexOf('#');
        if (hash >= 0) simple = simple[(hash + 1)..];
        var tick = simple.IndexOf('`');
        return (tick >= 0 ? simple[..tick] : simple).ToString();
    }

    /// <summary>The doc ID of the type that declares a member: <c>T:Ns.Type</c> for <c>M:Ns.Type.Method</c>.</summary>
    public static string? ContainingType(string docId)
    {
        if (docId.StartsWith("T:", StringComparison.Ordinal) || docId.Length < 2 || docId[1] != ':') return null;
        var name = QualifiedName(docId);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? null : "T:" + name[..dot].ToString();
    }

    /// <summary>The namespace of a type doc ID (<c>Newtonsoft.Json</c> for <c>T:Newtonsoft.Json.JsonConvert</c>), assuming it is not nested.</summary>
    public static string NamespaceOfTopLevelType(string typeDocId)
    {
        var name = QualifiedName(typeDocId);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? "" : name[..dot].ToString();
    }

    /// <summary>
    /// The parameter types a method or indexer doc ID spells, split at top-level commas:
    /// <c>["System.String", "System.Collections.Generic.List{System.Int32}"]</c>. Empty when it has no list.
    /// </summary>
    public static IReadOnlyList<string> ParameterTypes(string docId)
    {
        var open = docId.IndexOf('(');
        if (open < 0) return [];
        var close = docId.LastIndexOf(')');
        if (close <= open + 1) return [];
        var list = docId.AsSpan(open + 1, close - open - 1);
        var types = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '{' or '[' or '(':
                    depth++;
                    break;
                case '}' or ']' or ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    types.Add(list[start..i].ToString());
                    start = i + 1;
                    break;
            }
        }
        types.Add(list[start..].ToString());
        return types;
    }

    public static char Prefix(string docId) => docId.Length > 1 && docId[1] == ':' ? docId[0] : '?';
}
