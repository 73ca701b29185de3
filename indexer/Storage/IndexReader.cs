using System.Collections.Concurrent;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Indexer.Storage;

internal sealed record StoredPackage(long Id, string Name, PackageKind Kind);

internal sealed record StoredVersion(long Id, string Version, string Status, string? Reason, string? Source, int ApiCount, string IndexedAt)
{
    public bool IsIndexed => Status is "indexed" or "partial";
}

internal sealed record StoredAssetGroup(long Id, long VersionId, string Path, string Kind, string Framework, bool IsPlaceholder,
    IReadOnlyList<string> Assemblies, long? ApiSetId, string? Problems, string? Notes);

internal sealed record StoredDependency(string Framework, string Package, string Range);

/// <summary>
/// Read side of the index. Decoded catalogs, API sets and name lists are cached for the reader's lifetime,
/// so repeated queries (a history table, a checker run) decode each blob once.
/// </summary>
internal sealed class IndexReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ConcurrentDictionary<long, PackageCatalog> _catalogs = new();
    private readonly ConcurrentDictionary<long, int[]> _apiSets = new();
    private readonly ConcurrentDictionary<long, string[]> _names = new();
    private readonly Lock _gate = new();

    public IndexReader(string path)
    {
        Path = path;
        _connection = IndexDatabase.Open(path, readOnly: true);
    }

    public string Path { get; }

    public IReadOnlyList<StoredPackage> GetPackages()
    {
        lock (_gate)
            return _connection.Query<(long Id, string Name, string Kind)>("SELECT id, name, kind FROM package ORDER BY name")
                .Select(ToPackage).ToList();
    }

    public StoredPackage? FindPackage(string name)
    {
        lock (_gate)
        {
            var row = _connection.QuerySingleOrDefault<(long Id, string Name, string Kind)?>(
                "SELECT id, name, kind FROM package WHERE name = @name", new { name });
            return row is { } r ? ToPackage(r) : null;
        }
    }

    /// <summary>Every stored version of a package (indexed or not), in NuGet order (framework order for frameworks).</summary>
    public IReadOnlyList<StoredVersion> GetVersions(StoredPackage package)
    {
        List<StoredVersion> versions;
        lock (_gate)
        {
            versions = _connection.Query<(long Id, string Version, string Status, string? Reason, string? Source, long ApiCount, string IndexedAt)>(
                    "SELECT id, version, status, reason, source, api_count, indexed_at FROM package_version WHERE package_id = @id",
                    new { id = package.Id })
                .Select(r => new StoredVersion(r.Id, r.Version, r.Status, r.Reason, r.Source, (int)r.ApiCount, r.IndexedAt))
                .ToList();
        }
        var comparer = VersionOrder.Comparer(package.Kind);
        versions.Sort((a, b) => comparer.Compare(a.Version, b.Version));
        return versions;
    }

    public IReadOnlyList<StoredAssetGroup> GetAssetGroups(long versionId)
    {
        lock (_gate)
        {
            return _connection.Query<(long Id, long VersionId, string Path, string Kind, string Framework, long IsPlaceholder, string Assemblies, long? ApiSetId, string? Problems, string? Notes)>(
                    "SELECT id, version_id, path, kind, framework, is_placeholder, assemblies, api_set_id, problems, notes FROM asset_group WHERE version_id = @versionId ORDER BY path",
                    new { versionId })
                .Select(r => new StoredAssetGroup(r.Id, r.VersionId, r.Path, r.Kind, r.Framework, r.IsPlaceholder != 0,
                    r.Assemblies.Length == 0 ? [] : r.Assemblies.Split('|'), r.ApiSetId, r.Problems, r.Notes))
                .ToList();
        }
    }

    public IReadOnlyList<StoredDependency> GetDependencies(long versionId)
    {
        lock (_gate)
            return _connection.Query<(string Framework, string Package, string Range)>(
                    "SELECT framework, package, range FROM dependency WHERE version_id = @versionId", new { versionId })
                .Select(r => new StoredDependency(r.Framework, r.Package, r.Range))
                .ToList();
    }

    /// <summary>The sorted variant ids of an API set.</summary>
    public int[] GetApiSet(long apiSetId) => _apiSets.GetOrAdd(apiSetId, id =>
    {
        (byte[] Blob, long Count) row;
        lock (_gate)
            row = _connection.QuerySingle<(byte[], long)>("SELECT ids, count FROM api_set WHERE id = @id", new { id });
        return ApiSetCodec.Decode(row.Blob, (int)row.Count);
    });

    /// <summary>Every API variant ever stored for a package, with its global variant id.</summary>
    public PackageCatalog GetCatalog(StoredPackage package) => _catalogs.GetOrAdd(package.Id, id =>
    {
        List<(long First, byte[] Data)> segments;
        lock (_gate)
            segments = _connection.Query<(long, byte[])>(
                "SELECT first_variant, data FROM catalog_segment WHERE package_id = @id ORDER BY first_variant", new { id }).ToList();
        return PackageCatalog.FromSegments(segments.Select(s => ((int)s.First, CatalogCodec.Decode(s.Data))));
    });

    /// <summary>The simple names of the types and members a package has ever defined, sorted ordinally.</summary>
    public string[] GetNames(StoredPackage package) => _names.GetOrAdd(package.Id, id =>
    {
        byte[]? data;
        lock (_gate)
            data = _connection.QuerySingleOrDefault<byte[]?>("SELECT data FROM package_names WHERE package_id = @id", new { id });
        return data is null ? [] : Encoding.UTF8.GetString(Compression.Decompress(data)).Split('\n');
    });

    public void Dispose() => _connection.Dispose();

    private static StoredPackage ToPackage((long Id, string Name, string Kind) row) =>
        new(row.Id, row.Name, row.Kind == "framework" ? PackageKind.Framework : PackageKind.Package);
}
