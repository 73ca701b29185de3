namespace ApiTruth.Indexer.Storage;

/// <summary>
/// What a catalog segment needs, besides each record's own facts, to rebuild display signatures: which dotted names are
/// types that have nested types (a doc ID does not say where a namespace ends: <c>System.Environment.SpecialFolder</c>
/// is <c>Environment.SpecialFolder</c>, <c>System.IO.Path</c> is <c>Path</c>), and the type parameter names of generic
/// types where they are not the usual <c>T</c> / <c>T1, T2…</c> (doc IDs spell positions only).
/// </summary>
internal sealed class SegmentScopes
{
    public SegmentScopes(HashSet<string> outerTypes, Dictionary<string, string[]> genericNames)
    {
        OuterTypes = outerTypes;
        GenericNames = genericNames;
    }

    /// <summary>Qualified names (doc-ID form, no prefix: <c>System.Environment</c>, <c>Ns.Outer`1</c>) of types that have nested types.</summary>
    public HashSet<string> OuterTypes { get; }

    /// <summary>
    /// Qualified generic type name (<c>System.Collections.Generic.Dictionary`2</c>) → its own type parameter names as the
    /// type's declaration writes them, with variance (<c>out T</c>). Only names that differ from the defaults are kept.
    /// </summary>
    public Dictionary<string, string[]> GenericNames { get; }

    /// <summary>Display paths of containers, filled by <see cref="DisplayTemplate"/> as it meets them.</summary>
    internal SegmentCache<ScopePath> ContainerPaths { get; } = new();

    /// <summary>C# forms of doc-ID types that name no type parameter, filled by <see cref="DisplayTemplate"/>.</summary>
    internal SegmentCache<string> TypeDisplays { get; } = new();

    /// <summary>The names of a generic level: stored ones, else <c>T</c> for one parameter and <c>T1…Tn</c> for more.</summary>
    public string[] NamesOf(string qualifiedGenericName, int arity)
    {
        if (GenericNames.TryGetValue(qualifiedGenericName, out var names) && names.Length == arity) return names;
        return DefaultNames(arity);
    }

    public static string[] DefaultNames(int arity) => arity switch
    {
        0 => [],
        1 => ["T"],
        _ => [.. Enumerable.Range(1, arity).Select(i => "T" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))],
    };

    public void Write(Stream stream)
    {
        VarInt.Write(stream, (uint)OuterTypes.Count);
        foreach (var name in OuterTypes.Order(StringComparer.Ordinal)) ColumnText.Write(stream, name);
        VarInt.Write(stream, (uint)GenericNames.Count);
        foreach (var (type, names) in GenericNames.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ColumnText.Write(stream, type);
            ColumnText.Write(stream, string.Join(',', names));
        }
    }

    public static SegmentScopes Read(ReadOnlySpan<byte> data, ref int position)
    {
        var outerCount = (int)VarInt.Read(data, ref position);
        var outer = new HashSet<string>(outerCount, StringComparer.Ordinal);
        for (var i = 0; i < outerCount; i++) outer.Add(ColumnText.Read(data, ref position));
        var genericCount = (int)VarInt.Read(data, ref position);
        var generic = new Dictionary<string, string[]>(genericCount, StringComparer.Ordinal);
        for (var i = 0; i < genericCount; i++)
        {
            var type = ColumnText.Read(data, ref position);
            generic[type] = ColumnText.Read(data, ref position).Split(',');
        }
        return new SegmentScopes(outer, generic);
    }
}

/// <summary>A container's display path (<c>Dictionary&lt;TKey, TValue&gt;.KeyCollection</c>) and the type parameter names in scope there.</summary>
internal sealed record ScopePath(string Path, List<string> TypeNames);
