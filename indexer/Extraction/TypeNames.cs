using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>Name rules shared by the doc-ID and display writers: generic arity per nesting level and the `N suffix.</summary>
internal static class TypeNames
{
    /// <summary>
    /// The number of generic parameters a type declares itself. Metadata re-declares the outer type's
    /// parameters on nested types, so for definitions the count is the difference with the declaring type's;
    /// references carry no parameter list, so their `N suffix is the only evidence.
    /// </summary>
    public static int OwnArity(TypeReference type)
    {
        if (type is TypeDefinition definition)
        {
            var outer = definition.DeclaringType?.GenericParameters.Count ?? 0;
            return Math.Max(0, definition.GenericParameters.Count - outer);
        }
        return SuffixArity(type.Name);
    }

    /// <summary>The N of a trailing `N (0 when absent or malformed).</summary>
    public static int SuffixArity(string name)
    {
        var tick = name.LastIndexOf('`');
        if (tick < 0 || tick == name.Length - 1) return 0;
        var arity = 0;
        for (var i = tick + 1; i < name.Length; i++)
        {
            var c = name[i];
            if (c is < '0' or > '9') return 0;
            arity = arity * 10 + (c - '0');
            if (arity > 1000) return 0;
        }
        return arity;
    }

    /// <summary>
    /// The name without its `N suffix when the suffix states the real arity. Like the compiler, a name whose
    /// suffix disagrees with the arity is kept whole (it is not a mangled generic name).
    /// </summary>
    public static string Unmangled(string name, int arity)
    {
        if (arity == 0) return name;
        var tick = name.LastIndexOf('`');
        return tick > 0 && SuffixArity(name) == arity ? name[..tick] : name;
    }

    /// <summary>Names the C# compiler cannot produce in source: they belong to compiler-generated machinery.</summary>
    public static bool IsUnspeakable(string name) => name.AsSpan().IndexOfAny('<', '>') >= 0;
}
