using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Index;

/// <summary>
/// What history and find need from one package's catalog: the doc IDs with a given last name, and the stored variants
/// of a doc ID. The first lookups go through <see cref="IndexReader.FindNamed"/>, which decodes only the catalog blocks
/// holding the names asked (cheap for a one-shot CLI query, even on the big framework catalog); once a package has been
/// asked about a few times, its whole catalog is decoded once and indexed by name, so a long-lived process answers from
/// dictionaries.
/// </summary>
internal sealed class PackageApis(IndexReader reader, StoredPackage package)
{
    /// <summary>Scans before the whole catalog is decoded: a query plus its suggestions stay on the scanning path.</summary>
    private const int ScansBeforeFullDecode = 3;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(int Id, ApiRecord Api)>> _scanned = new(StringComparer.OrdinalIgnoreCase);
    private CatalogNameIndex? _names;
    private PackageCatalog? _catalog;
    private int _scans;

    /// <summary>Doc IDs whose last name part equals <paramref name="name"/> ignoring case.</summary>
    public IReadOnlyList<string> DocIdsNamed(string name)
    {
        lock (_gate)
        {
            if (!Ensure([name])) return _names!.Lookup(name);
            // Loops rather than LINQ over (id, record) pairs here and below: ReadyToRun has no precompiled LINQ iterators for
            // that shape, and a one-shot query would JIT them.
            var docIds = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, api) in _scanned[name])
                if (seen.Add(api.DocId)) docIds.Add(api.DocId);
            return docIds;
        }
    }

    /// <summary>The stored variants of a doc ID, ordered by variant id (oldest first).</summary>
    public IReadOnlyList<(int Id, ApiRecord Api)> Variants(string docId)
    {
        var name = CatalogNameIndex.LastName(docId);
        lock (_gate)
        {
            // Explicit interface implementations are not reachable by a simple name: only the whole catalog has them.
            if (name.Contains('#') && !name.StartsWith('#')) EnsureFull();
            if (_catalog is null && Ensure([name]))
            {
                // Scanned variants are in variant id order already (FindNamed's order).
                var variants = new List<(int Id, ApiRecord Api)>();
                foreach (var variant in _scanned[name])
                    if (variant.Api.DocId == docId) variants.Add(variant);
                return variants;
            }
            return _catalog!.Find(docId).OrderBy(v => v.Id).ToList();
        }
    }

    /// <summary>Looks several names up in one pass (suggestions ask for a dozen at once).</summary>
    public void Prefetch(IReadOnlyCollection<string> names)
    {
        lock (_gate) Ensure(names);
    }

    /// <summary>Makes the names available; true when they are answered from the scanned map, false when from the full index.</summary>
    private bool Ensure(IReadOnlyCollection<string> names)
    {
        if (_names is not null) return false;
        var missing = new List<string>();
        foreach (var name in names)
            if (!_scanned.ContainsKey(name) && !missing.Contains(name, StringComparer.OrdinalIgnoreCase)) missing.Add(name);
        if (missing.Count == 0) return true;
        if (++_scans > ScansBeforeFullDecode)
        {
            EnsureFull();
            return false;
        }
        var found = reader.FindNamed(package, missing);
        foreach (var name in missing) _scanned[name] = [];
        foreach (var variant in found) _scanned[CatalogNameIndex.LastName(variant.Api.DocId)].Add(variant);
        return true;
    }

    private void EnsureFull()
    {
        if (_names is not null) return;
        _catalog = reader.GetCatalog(package);
        _names = CatalogNameIndex.Build(_catalog);
        _scanned.Clear();
    }
}
