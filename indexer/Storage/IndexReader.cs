using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <param name="CompleteAt">When every version the feeds served was stored (UTC, ISO 8601); null when the package was indexed a
/// version or a range at a time, or by a run that did not finish (its history may lack versions).</param>
internal sealed record StoredPackage(long Id, string Name, PackageKind Kind, string? CompleteAt = null)
{
    public bool IsComplete => CompleteAt is not null;
}

internal sealed record StoredVersion(long Id, string Version, string Status, string? Reason, string? Source, int ApiCount, string IndexedAt)
{
    public bool IsIndexed => Status is "indexed" or "partial";
}

internal sealed record StoredAssetGroup(long VersionId, string Path, string Kind, string Framework, bool IsPlaceholder,
    IReadOnlyList<string> Assemblies, long? ApiSetId, string? Problems, string? Notes);

internal sealed record StoredDependency(string Framework, string Package, string Range);

/// <summary>
/// Read side of the index, on one read-only connection. Decoded catalogs, API sets and name lists are cached for the
/// reader's lifetime, so repeated queries (a history table, a checker run) decode each blob once. Safe to share between
/// threads: queries take turns on the connection, decoding happens outside that turn, and the first decode of a blob wins.
/// </summary>
/// <remarks>
/// The connection is SQLite's C API (<see cref="SqliteReadConnection"/>), not Microsoft.Data.Sqlite: a one-shot
/// <c>apitruth history</c> or <c>find</c> spends most of its life starting up, and ADO.NET's first use (System.Data.Common,
/// connection-string parsing, P/Invoke stubs compiled at run time) cost more than the queries themselves. The caches are
/// plain dictionaries under a lock for the same reason: they are filled a handful of times per process.
/// </remarks>
internal sealed class IndexReader : IDisposable
{
    private readonly SqliteReadConnection _connection;
    private readonly Lock _gate = new();
    private readonly Lock _cacheGate = new();
    private readonly Dictionary<long, PackageCatalog> _catalogs = [];
    private readonly Dictionary<long, int[]> _apiSets = [];
    private readonly Dictionary<long, string[]> _names = [];
    private readonly Dictionary<long, CatalogNames> _nameTables = [];
    private readonly Dictionary<long, SegmentHead[]> _segments = [];

    // Schema 3 has no completeness column: every package reads as not known to be complete.
    private readonly string _packageColumns;

    public IndexReader(string path)
    {
        Path = path;
        (_connection, var version) = Open(path);
        _packageColumns = version >= 4 ? "id, name, kind, complete_at" : "id, name, kind, NULL";
    }

    public string Path { get; }

    public IReadOnlyList<StoredPackage> GetPackages()
    {
        var packages = new List<StoredPackage>();
        lock (_gate)
        {
            using var query = _connection.Query($"SELECT {_packageColumns} FROM package ORDER BY name");
            while (query.Read()) packages.Add(ToPackage(query));
        }
        return packages;
    }

    public StoredPackage? FindPackage(string name)
    {
        lock (_gate)
        {
            using var query = _connection.Query($"SELECT {_packageColumns} FROM package WHERE name = ?1").Bind(1, name);
            return query.Read() ? ToPackage(query) : null;
        }
    }

    /// <summary>Every stored version of a package (indexed or not), in NuGet order (framework order for frameworks).</summary>
    public IReadOnlyList<StoredVersion> GetVersions(StoredPackage package)
    {
        var versions = new List<StoredVersion>();
        lock (_gate)
        {
            using var query = _connection.Query("SELECT id, version, status, reason, source, api_count, indexed_at FROM package_version WHERE package_id = ?1")
                .Bind(1, package.Id);
            while (query.Read())
            {
                versions.Add(new StoredVersion(query.Int64(0), query.Text(1), query.Text(2), query.TextOrNull(3), query.TextOrNull(4),
                    (int)query.Int64(5), query.Text(6)));
            }
        }
        var comparer = VersionOrder.Comparer(package.Kind);
        versions.Sort((a, b) => comparer.Compare(a.Version, b.Version));
        return versions;
    }

    public IReadOnlyList<StoredAssetGroup> GetAssetGroups(long versionId)
    {
        var groups = new List<StoredAssetGroup>();
        lock (_gate)
        {
            using var query = _connection.Query("SELECT version_id, path, kind, framework, is_placeholder, api_set_id, texts FROM asset_group WHERE version_id = ?1 ORDER BY path")
                .Bind(1, versionId);
            while (query.Read())
            {
                var (assemblies, problems, notes) = AssetGroupTexts.Decode(query.Blob(6));
                groups.Add(new StoredAssetGroup(query.Int64(0), query.Text(1), query.Text(2), query.Text(3), query.Int64(4) != 0, assemblies,
                    query.Int64OrNull(5), problems, notes));
            }
        }
        return groups;
    }

    /// <summary>A version's nuspec dependencies (framework, package id, range), in nuspec order.</summary>
    public IReadOnlyList<StoredDependency> GetDependencies(long versionId)
    {
        byte[]? blob;
        lock (_gate)
        {
            using var query = _connection.Query("SELECT dependencies FROM package_version WHERE id = ?1").Bind(1, versionId);
            blob = query.Read() ? query.BlobOrNull(0) : null;
        }
        return blob is null ? [] : DependencyTexts.Decode(blob);
    }

    /// <summary>The sorted variant ids of an API set.</summary>
    public int[] GetApiSet(long apiSetId)
    {
        lock (_cacheGate)
            if (_apiSets.TryGetValue(apiSetId, out var cached)) return cached;
        byte[] blob;
        long count;
        long? baseId;
        lock (_gate)
        {
            using var query = _connection.Query("SELECT ids, count, base_id FROM api_set WHERE id = ?1").Bind(1, apiSetId);
            if (!query.Read()) throw new InvalidDataException($"The index {Path} has no API set {apiSetId}; re-create it with 'apitruth index --force'.");
            blob = query.Blob(0);
            count = query.Int64(1);
            baseId = query.Int64OrNull(2);
        }
        var ids = baseId is { } baseSet
            ? ApiSetCodec.Apply(GetApiSet(baseSet), ApiSetCodec.Decode(blob), (int)count)
            : ApiSetCodec.Decode(blob, (int)count);
        return Remember(_apiSets, apiSetId, ids);
    }

    /// <summary>Every API variant ever stored for a package, with its global variant id.</summary>
    public PackageCatalog GetCatalog(StoredPackage package)
    {
        lock (_cacheGate)
            if (_catalogs.TryGetValue(package.Id, out var cached)) return cached;
        var segments = new List<SegmentBlobs>();
        lock (_gate)
        {
            using var query = _connection.Query("SELECT first_variant, names, keys, data FROM catalog_segment WHERE package_id = ?1 ORDER BY first_variant")
                .Bind(1, package.Id);
            while (query.Read()) segments.Add(new SegmentBlobs((int)query.Int64(0), query.BlobOrNull(1), query.Blob(2), query.Blob(3)));
        }
        var names = new CatalogNames();
        var decoded = new List<(int First, ApiRecord[] Records)>(segments.Count);
        var found = new List<(int Index, ApiRecord Api)>();
        foreach (var segment in segments)
        {
            names.Append(CatalogNames.Decode(segment.Names));
            found.Clear();
            CatalogCodec.Decode(segment.Data, CatalogCodec.ReadKeys(segment.Keys), names, null, found);
            var records = new ApiRecord[found.Count];
            for (var i = 0; i < records.Length; i++) records[i] = found[i].Api;
            decoded.Add((segment.First, records));
        }
        return Remember(_catalogs, package.Id, PackageCatalog.FromSegments(decoded));
    }

    /// <summary>The simple names of the types and members a package has ever defined, sorted ordinally.</summary>
    public string[] GetNames(StoredPackage package)
    {
        lock (_cacheGate)
            if (_names.TryGetValue(package.Id, out var cached)) return cached;
        return Remember(_names, package.Id, Names(package).Sorted());
    }

    /// <summary>
    /// The stored variants whose doc ID's last name part (without arity: <c>Chunk</c>, <c>List</c>, <c>#ctor</c>) is one of
    /// <paramref name="lastNames"/>, ignoring case; explicit interface implementations are not found by name. Reads the
    /// package's names and segment keys, then decompresses only the record blocks that hold a match: a one-name lookup
    /// in the framework's catalog costs a block, not the whole catalog. Ordered by variant id.
    /// </summary>
    public List<(int Id, ApiRecord Api)> FindNamed(StoredPackage package, IReadOnlyCollection<string> lastNames)
    {
        var wanted = new HashSet<string>(lastNames, StringComparer.OrdinalIgnoreCase);
        Func<string, bool> matches = name => wanted.Contains(name) && name.LastIndexOf('#') <= 0;
        var names = Names(package);
        var namesMatched = names.Matching(matches);
        var found = new List<(int Id, ApiRecord Api)>();
        var decoded = new List<(int Index, ApiRecord Api)>();
        foreach (var segment in Segments(package))
        {
            var hits = segment.Keys.Matching(namesMatched, matches);
            if (hits.Count == 0) continue;
            byte[] data;
            lock (_gate)
            {
                using var query = _connection.Query("SELECT data FROM catalog_segment WHERE id = ?1").Bind(1, segment.Id);
                if (!query.Read()) throw new InvalidDataException($"The index {Path} lost catalog segment {segment.Id} while it was read; run the query again.");
                data = query.Blob(0);
            }
            var set = new HashSet<int>(hits);
            decoded.Clear();
            CatalogCodec.Decode(data, segment.Keys, names, set.Contains, decoded);
            foreach (var (index, api) in decoded) found.Add((segment.First + index, api));
        }
        return found;
    }

    private CatalogNames Names(StoredPackage package)
    {
        lock (_cacheGate)
            if (_nameTables.TryGetValue(package.Id, out var cached)) return cached;
        var blobs = new List<byte[]?>();
        lock (_gate)
        {
            using var query = _connection.Query("SELECT names FROM catalog_segment WHERE package_id = ?1 ORDER BY first_variant").Bind(1, package.Id);
            while (query.Read()) blobs.Add(query.BlobOrNull(0));
        }
        var names = new CatalogNames();
        foreach (var blob in blobs) names.Append(CatalogNames.Decode(blob));
        return Remember(_nameTables, package.Id, names);
    }

    private SegmentHead[] Segments(StoredPackage package)
    {
        lock (_cacheGate)
            if (_segments.TryGetValue(package.Id, out var cached)) return cached;
        var rows = new List<SegmentBlobs>();
        lock (_gate)
        {
            using var query = _connection.Query("SELECT id, first_variant, keys FROM catalog_segment WHERE package_id = ?1 ORDER BY first_variant").Bind(1, package.Id);
            while (query.Read()) rows.Add(new SegmentBlobs((int)query.Int64(1), null, query.Blob(2), [], query.Int64(0)));
        }
        var heads = new SegmentHead[rows.Count];
        for (var i = 0; i < heads.Length; i++) heads[i] = new SegmentHead(rows[i].Id, rows[i].First, CatalogCodec.ReadKeys(rows[i].Keys));
        return Remember(_segments, package.Id, heads);
    }

    /// <summary>Caches what a thread decoded, unless another thread was first: then everyone shares the first one.</summary>
    private T Remember<T>(Dictionary<long, T> cache, long key, T value)
        where T : class
    {
        lock (_cacheGate)
        {
            if (cache.TryGetValue(key, out var first)) return first;
            cache[key] = value;
            return value;
        }
    }

    private sealed record SegmentHead(long Id, int First, SegmentKeys Keys);

    private sealed record SegmentBlobs(int First, byte[]? Names, byte[] Keys, byte[] Data, long Id = 0);

    public void Dispose() => _connection.Dispose();

    /// <summary>Opens the file read-only and checks that this ApiTruth reads its schema; every failure is one line.</summary>
    private static (SqliteReadConnection Connection, long Version) Open(string path)
    {
        if (!File.Exists(path)) throw new IndexNotFoundException(path);
        var connection = SqliteReadConnection.Open(path);
        try
        {
            var version = connection.ScalarInt64("PRAGMA user_version");
            if (version > Schema.Migrations.Count)
                throw new InvalidDataException($"The index {path} has schema version {version}, newer than this ApiTruth ({Schema.Migrations.Count}).");
            if (version < Schema.OldestReadable)
                throw new InvalidDataException($"The index {path} has schema version {version}, older than this ApiTruth reads ({Schema.OldestReadable}); rebuild the index with 'apitruth index --force'.");
            return (connection, version);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static StoredPackage ToPackage(SqliteQuery row) =>
        new(row.Int64(0), row.Text(1), row.Text(2) == "framework" ? PackageKind.Framework : PackageKind.Package, row.TextOrNull(3));
}
