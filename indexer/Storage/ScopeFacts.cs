using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// The writer's knowledge of one package version's types, read from its type records: which types have nested types
/// and the type parameter names each generic type declares. A segment keeps the part its own records refer to.
/// </summary>
internal sealed class ScopeFacts
{
    private readonly HashSet<string> _outerTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _genericNames = new(StringComparer.Ordinal);

    public static ScopeFacts From(IEnumerable<ApiRecord> records)
    {
        var facts = new ScopeFacts();
        foreach (var record in records)
        {
            if (!record.Kind.IsType()) continue;
            if (record.DeclaringType is { Length: > 2 } outer && outer.StartsWith("T:", StringComparison.Ordinal)) facts._outerTypes.Add(outer[2..]);
            var qualified = DocIds.QualifiedName(record.DocId);
            var tick = qualified.LastIndexOf('`');
            if (tick < 0 || qualified.LastIndexOf('.') > tick) continue;
            if (DisplayTemplate.DeclaredTypeParameters(record) is not { } names) continue;
            if (names.SequenceEqual(SegmentScopes.DefaultNames(names.Length))) continue;
            facts._genericNames.TryAdd(qualified.ToString(), names);
        }
        return facts;
    }

    /// <summary>The outer types and generic names that the doc IDs of <paramref name="records"/> pass through.</summary>
    public SegmentScopes For(IEnumerable<ApiRecord> records)
    {
        var outer = new HashSet<string>(StringComparer.Ordinal);
        var generic = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var qualified = DocIds.QualifiedName(record.DocId).ToString();
            // Every dotted prefix of the qualified name is a namespace, a type, or (for members) the declaring type.
            if (!seen.Add(qualified)) continue;
            for (var dot = qualified.IndexOf('.'); dot > 0; dot = qualified.IndexOf('.', dot + 1))
            {
                var prefix = qualified[..dot];
                if (_outerTypes.Contains(prefix)) outer.Add(prefix);
                if (_genericNames.TryGetValue(prefix, out var names)) generic[prefix] = names;
            }
            if (_genericNames.TryGetValue(qualified, out var own)) generic[qualified] = own;
        }
        return new SegmentScopes(outer, generic);
    }
}
