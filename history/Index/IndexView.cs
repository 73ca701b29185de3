using System.Collections.Concurrent;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Index;

/// <summary>
/// The history queries' window on one index file: the reader plus what they derive from it (version timelines,
/// name lookups), each built once and kept for the view's lifetime. A view sees the index as it was when the
/// things were first read; after indexing more, open a new view.
/// </summary>
internal sealed class IndexView(IndexReader reader)
{
    private readonly ConcurrentDictionary<string, Lazy<StoredPackage?>> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, Lazy<PackageTimeline>> _timelines = new();
    private readonly ConcurrentDictionary<long, Lazy<CatalogNameIndex>> _nameIndexes = new();
    private readonly ConcurrentDictionary<long, Lazy<HashSet<string>>> _nameSets = new();
    private readonly Lazy<IReadOnlyList<StoredPackage>> _allPackages = new(reader.GetPackages);

    public IndexReader Reader => reader;

    public IReadOnlyList<StoredPackage> Packages => _allPackages.Value;

    public StoredPackage? FindPackage(string name) =>
        _packages.GetOrAdd(name, n => new Lazy<StoredPackage?>(() => reader.FindPackage(n))).Value;

    public PackageTimeline Timeline(StoredPackage package) =>
        _timelines.GetOrAdd(package.Id, _ => new Lazy<PackageTimeline>(() => PackageTimeline.Load(reader, package))).Value;

    public PackageCatalog Catalog(StoredPackage package) => reader.GetCatalog(package);

    public CatalogNameIndex NameIndex(StoredPackage package) =>
        _nameIndexes.GetOrAdd(package.Id, _ => new Lazy<CatalogNameIndex>(() => CatalogNameIndex.Build(reader.GetCatalog(package)))).Value;

    /// <summary>The package's simple names, for a cheap "does it define anything called X" test before decoding its catalog.</summary>
    public bool DefinesName(StoredPackage package, string name) =>
        _nameSets.GetOrAdd(package.Id, _ => new Lazy<HashSet<string>>(() => new HashSet<string>(reader.GetNames(package), StringComparer.OrdinalIgnoreCase)))
            .Value.Contains(name);

    public string[] Names(StoredPackage package) => reader.GetNames(package);

    public int[] ApiSet(long apiSetId) => reader.GetApiSet(apiSetId);
}
