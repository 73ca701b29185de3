using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Index;

/// <summary>
/// The doc IDs of a package's catalog keyed by their last name part (case-insensitive): <c>DeserializeObject</c>
/// for every overload, <c>List</c> for <c>T:System.Collections.Generic.List`1</c>, <c>#ctor</c> for constructors.
/// Explicit interface implementations are left out: C# code cannot call them by name.
/// </summary>
internal sealed class CatalogNameIndex
{
    private readonly Dictionary<string, string[]> _byName;

    private CatalogNameIndex(Dictionary<string, string[]> byName) => _byName = byName;

    public static CatalogNameIndex Build(PackageCatalog catalog)
    {
        var byName = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, api) in catalog.All)
        {
            if (!seen.Add(api.DocId)) continue;
            var name = LastName(api.DocId);
            if (name.Contains('#') && !name.StartsWith('#')) continue;
            if (!byName.TryGetValue(name, out var list)) byName[name] = list = [];
            list.Add(api.DocId);
        }
        return new CatalogNameIndex(byName.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Doc IDs whose last name part equals <paramref name="name"/> ignoring case.</summary>
    public IReadOnlyList<string> Lookup(string name) => _byName.TryGetValue(name, out var ids) ? ids : [];

    /// <summary>The last name part of a doc ID without its arity: <c>DeserializeObject</c>, <c>#ctor</c>, <c>List</c>.</summary>
    public static string LastName(string docId)
    {
        var qualified = ApiTruth.Indexer.Model.DocIds.QualifiedName(docId);
        var dot = qualified.LastIndexOf('.');
        var last = dot >= 0 ? qualified[(dot + 1)..] : qualified;
        var tick = last.IndexOf('`');
        return (tick >= 0 ? last[..tick] : last).ToString();
    }
}
