using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;

namespace ApiTruth.History.Index;

/// <summary>
/// The history queries' window on one index file: the reader plus what they derive from it (version timelines,
/// name lookups), each built once and kept for the view's lifetime. A view sees the index as it was when the
/// things were first read; after indexing more, open a new view. Safe to share between threads.
/// </summary>
/// <remarks>
/// The caches are plain dictionaries keyed by reference types under one lock: a one-shot CLI query fills each a few
/// times, and ReadyToRun has no precompiled code for concurrent or value-tuple-keyed dictionaries, so each such shape
/// costs a cold process its JIT compilation.
/// </remarks>
internal sealed class IndexView(IndexReader reader)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredPackage?> _packages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<StoredPackage, PackageTimeline> _timelines = [];
    private readonly Dictionary<StoredPackage, PackageApis> _apis = [];
    private readonly Dictionary<GroupSelection, StoredAssetGroup?> _selections = [];
    private readonly Dictionary<StoredPackage, HashSet<string>> _nameSets = [];
    private IReadOnlyList<StoredPackage>? _allPackages;

    public IndexReader Reader => reader;

    public IReadOnlyList<StoredPackage> Packages
    {
        get
        {
            lock (_gate)
                if (_allPackages is { } cached) return cached;
            var packages = reader.GetPackages();
            lock (_gate) return _allPackages ??= packages;
        }
    }

    public StoredPackage? FindPackage(string name)
    {
        lock (_gate)
            if (_packages.TryGetValue(name, out var cached)) return cached;
        var package = reader.FindPackage(name);
        lock (_gate)
        {
            if (_packages.TryGetValue(name, out var first)) return first;
            _packages[name] = package;
            return package;
        }
    }

    public PackageTimeline Timeline(StoredPackage package)
    {
        lock (_gate)
            if (_timelines.TryGetValue(package, out var cached)) return cached;
        return Remember(_timelines, package, PackageTimeline.Load(reader, package));
    }

    public PackageCatalog Catalog(StoredPackage package) => reader.GetCatalog(package);

    /// <summary>Name and doc-ID lookups in the package's catalog (scanned or fully decoded, whichever is cheaper so far).</summary>
    public PackageApis Apis(StoredPackage package)
    {
        lock (_gate)
        {
            // Cheap to make and stateful: made under the lock so that every caller shares one.
            if (!_apis.TryGetValue(package, out var apis)) _apis[package] = apis = new PackageApis(reader, package);
            return apis;
        }
    }

    /// <summary>The asset group a project of <paramref name="framework"/> compiles against (parsing frameworks is not free: cached).</summary>
    public StoredAssetGroup? SelectGroup(TimelineVersion version, NuGetFramework framework)
    {
        var key = new GroupSelection(version.Stored.Id, framework);
        lock (_gate)
            if (_selections.TryGetValue(key, out var cached)) return cached;
        var group = StoredAssetSelection.Select(version.Groups, framework);
        lock (_gate)
        {
            if (_selections.TryGetValue(key, out var first)) return first;
            _selections[key] = group;
            return group;
        }
    }

    /// <summary>The package's simple names, for a cheap "does it define anything called X" test before decoding its catalog.</summary>
    public bool DefinesName(StoredPackage package, string name)
    {
        HashSet<string>? names;
        lock (_gate) _nameSets.TryGetValue(package, out names);
        names ??= Remember(_nameSets, package, new HashSet<string>(reader.GetNames(package), StringComparer.OrdinalIgnoreCase));
        return names.Contains(name);
    }

    public string[] Names(StoredPackage package) => reader.GetNames(package);

    public int[] ApiSet(long apiSetId) => reader.GetApiSet(apiSetId);

    private T Remember<T>(Dictionary<StoredPackage, T> cache, StoredPackage package, T value)
        where T : class
    {
        lock (_gate)
        {
            if (cache.TryGetValue(package, out var first)) return first;
            cache[package] = value;
            return value;
        }
    }

    /// <summary>A version and a target framework: a class, so that the cache is a dictionary of references.</summary>
    private sealed record GroupSelection(long VersionId, NuGetFramework Framework);
}
