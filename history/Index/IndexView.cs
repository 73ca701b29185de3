using System.Collections.Concurrent;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;

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
    private readonly ConcurrentDictionary<long, PackageApis> _apis = new();
    private readonly ConcurrentDictionary<(long VersionId, NuGetFramework Framework), StoredAssetGroup?> _selections = new();
    private readonly ConcurrentDictionary<long, Lazy<HashSet<string>>> _nameSets = new();
    private readonly Lazy<IReadOnlyList<StoredPackage>> _allPackages = new(reader.GetPackages);

    public IndexReader Reader => reader;

    public IReadOnlyList<StoredPackage> Packages => _allPackages.Value;

    public StoredPackage? FindPackage(string name) =>
        _packages.GetOrAdd(name, n => new Lazy<StoredPackage?>(() => reader.FindPackage(n))).Value;

    public PackageTimeline Timeline(StoredPackage package) =>
        _timelines.GetOrAdd(package.Id, _ => new Lazy<PackageTimeline>(() => PackageTimeline.Load(reader, package))).Value;

    public PackageCatalog Catalog(StoredPackage package) => reader.GetCatalog(package);

    /// <summary>Name and doc-ID lookups in the package's catalog (scanned or fully decoded, whichever is cheaper so far).</summary>
    public PackageApis Apis(StoredPackage package) => _apis.GetOrAdd(package.Id, _ => new PackageApis(reader, package));

    /// <summary>The asset group a project of <paramref name="framework"/> compiles against (parsing frameworks is not free: cached).</summary>
    public StoredAssetGroup? SelectGroup(TimelineVersion version, NuGetFramework framework) =>
        _selections.GetOrAdd((version.Stored.Id, framework), _ => StoredAssetSelection.Select(version.Groups, framework));

    /// <summary>The package's simple names, for a cheap "does it define anything called X" test before decoding its catalog.</summary>
    public bool DefinesName(StoredPackage package, string name) =>
        _nameSets.GetOrAdd(package.Id, _ => new Lazy<HashSet<string>>(() => new HashSet<string>(reader.GetNames(package), StringComparer.OrdinalIgnoreCase)))
            .Value.Contains(name);

    public string[] Names(StoredPackage package) => reader.GetNames(package);

    public int[] ApiSet(long apiSetId) => reader.GetApiSet(apiSetId);
}
