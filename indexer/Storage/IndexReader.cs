using ApiTruth.Indexer.Model;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Indexer.Storage;

internal sealed record StoredPackage(long Id, string Name, PackageKind Kind);

internal sealed record StoredVersion(long Id, string Version, string Status, string? Reason, string? Source, int ApiCount, string IndexedAt)
{
    public bool IsIndexed => Status is "indexed" or "partial";
}

internal sealed record StoredAssetGroup(long VersionId, string Path, string Kind, string Framework, bool IsPlaceholder,
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
    private readonly ConcurrentDictionary<long, CatalogNames> _nameTables = new();
    private readonly ConcurrentDictionary<long, IReadOnlyList<SegmentHead>> _segments = new();
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
            return Rows("SELECT id, name, kind FROM package ORDER BY name", null, r => ToPackage((r.GetInt64(0), r.GetString(1), r.GetString(2))));
    }

    public StoredPackage? FindPackage(string name)
    {
        lock (_gate)
        {
            return Rows("SELECT id, name, kind FROM package WHERE name = $p", name, r => ToPackage((r.GetInt64(0), r.GetString(1), r.GetString(2))))
                .FirstOrDefault();
        }
    }

    /// <summary>Every stored version of a package (indexed or not), in NuGet order (framework order for frameworks).</summary>
    public IReadOnlyList<StoredVersion> GetVersions(StoredPackage package)
    {
        List<StoredVersion> versions;
        lock (_gate)
        {
            versions = Rows("SELECT id, version, status, reason, source, api_count, indexed_at FROM package_version WHERE package_id = $p",
                package.Id,
                r => new StoredVersion(r.GetInt64(0), r.GetString(1), r.GetString(2), Text(r, 3), Text(r, 4), (int)r.GetInt64(5), r.GetString(6)));
        }
        var comparer = VersionOrder.Comparer(package.Kind);
        versions.Sort((a, b) => comparer.Compare(a.Version, b.Version));
        return versions;
    }

    public IReadOnlyList<StoredAssetGroup> GetAssetGroups(long versionId)
    {
        lock (_gate)
        {
            return Rows("SELECT version_id, path, kind, framework, is_placeholder, api_set_id, texts FROM asset_group WHERE version_id = $p ORDER BY path",
                versionId,
                r =>
                {
                    var (assemblies, problems, notes) = AssetGroupTexts.Decode((byte[])r.GetValue(6));
                    return new StoredAssetGroup(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) != 0, assemblies,
                        r.IsDBNull(5) ? null : r.GetInt64(5), problems, notes);
                });
        }
    }

    /// <summary>A version's nuspec dependencies (framework, package id, range), in nuspec order.</summary>
    public IReadOnlyList<StoredDependency> GetDependencies(long versionId)
    {
        lock (_gate)
        {
            var blob = Rows("SELECT dependencies FROM package_version WHERE id = $p", versionId, r => r.IsDBNull(0) ? null : (byte[])r.GetValue(0)).SingleOrDefault();
            return blob is null ? [] : DependencyTexts.Decode(blob);
        }
    }

    /// <summary>The sorted variant ids of an API set.</summary>
    public int[] GetApiSet(long apiSetId) => _apiSets.GetOrAdd(apiSetId, id =>
    {
        (byte[] Blob, long Count, long? Base) row;
        lock (_gate)
            row = Rows("SELECT ids, count, base_id FROM api_set WHERE id = $p", id, r => ((byte[])r.GetValue(0), r.GetInt64(1), r.IsDBNull(2) ? (long?)null : r.GetInt64(2))).Single();
        return row.Base is { } baseId
            ? ApiSetCodec.Apply(GetApiSet(baseId), ApiSetCodec.Decode(row.Blob), (int)row.Count)
            : ApiSetCodec.Decode(row.Blob, (int)row.Count);
    });

    /// <summary>Every API variant ever stored for a package, with its global variant id.</summary>
    public PackageCatalog GetCatalog(StoredPackage package) => _catalogs.GetOrAdd(package.Id, id =>
    {
        List<(long First, byte[]? Names, byte[] Keys, byte[] Data)> segments;
        lock (_gate)
        {
            segments = Rows("SELECT first_variant, names, keys, data FROM catalog_segment WHERE package_id = $p ORDER BY first_variant", id,
                r => (r.GetInt64(0), r.IsDBNull(1) ? null : (byte[])r.GetValue(1), (byte[])r.GetValue(2), (byte[])r.GetValue(3)));
        }
        var names = new CatalogNames();
        var decoded = new List<(int First, ApiRecord[] Records)>();
        var found = new List<(int Index, ApiRecord Api)>();
        foreach (var segment in segments)
        {
            names.Append(CatalogNames.Decode(segment.Names));
            found.Clear();
            CatalogCodec.Decode(segment.Data, CatalogCodec.ReadKeys(segment.Keys), names, null, found);
            decoded.Add(((int)segment.First, [.. found.Select(f => f.Api)]));
        }
        return PackageCatalog.FromSegments(decoded);
    });

    /// <summary>The simple names of the types and members a package has ever defined, sorted ordinally.</summary>
    public string[] GetNames(StoredPackage package) => _names.GetOrAdd(package.Id, _ => Names(package).Sorted());

    /// <summary>
    /// The stored variants whose doc ID's last name part (without arity: <c>Chunk</c>, <c>List</c>, <c>#ctor</c>) is one of
    /// <paramref name="lastNames"/>, ignoring case; explicit interface implementations are not found by name. Reads the
    /// package's names and segment keys, then decompresses only the record blocks that hold a match: a one-name lookup
    /// in the framework's catalog costs a block, not the whole catalog. Ordered by variant id.
    /// </summary>
    public List<(int Id, ApiRecord Api)> FindNamed(StoredPackage package, IReadOnlyCollection<string> lastNames)
    {
        var wanted = new HashSet<string>(lastNames, StringComparer.OrdinalIgnoreCase);
        var names = Names(package);
        var found = new List<(int Id, ApiRecord Api)>();
        var matches = new List<(int Index, ApiRecord Api)>();
        foreach (var segment in Segments(package))
        {
            var hits = segment.Keys.Matching(names, name => wanted.Contains(name) && name.LastIndexOf('#') <= 0);
            if (hits.Count == 0) continue;
            byte[] data;
            lock (_gate) data = Rows("SELECT data FROM catalog_segment WHERE id = $p", segment.Id, r => (byte[])r.GetValue(0)).Single();
            var set = new HashSet<int>(hits);
            matches.Clear();
            CatalogCodec.Decode(data, segment.Keys, names, set.Contains, matches);
            found.AddRange(matches.Select(m => (segment.First + m.Index, m.Api)));
        }
        return found;
    }

    private CatalogNames Names(StoredPackage package) => _nameTables.GetOrAdd(package.Id, id =>
    {
        List<byte[]?> blobs;
        lock (_gate)
            blobs = Rows("SELECT names FROM catalog_segment WHERE package_id = $p ORDER BY first_variant", id, r => r.IsDBNull(0) ? null : (byte[])r.GetValue(0));
        var names = new CatalogNames();
        foreach (var blob in blobs) names.Append(CatalogNames.Decode(blob));
        return names;
    });

    private IReadOnlyList<SegmentHead> Segments(StoredPackage package) => _segments.GetOrAdd(package.Id, id =>
    {
        List<(long Id, long First, byte[] Keys)> rows;
        lock (_gate)
            rows = Rows("SELECT id, first_variant, keys FROM catalog_segment WHERE package_id = $p ORDER BY first_variant", id, r => (r.GetInt64(0), r.GetInt64(1), (byte[])r.GetValue(2)));
        return [.. rows.Select(r => new SegmentHead(r.Id, (int)r.First, CatalogCodec.ReadKeys(r.Keys)))];
    });

    private sealed record SegmentHead(long Id, int First, SegmentKeys Keys);

    public void Dispose() => _connection.Dispose();

    // Plain ADO.NET rather than Dapper on the read side: Dapper emits a mapper per query shape at first use, which
    // costs tens of milliseconds in a short-lived CLI process, more than the queries themselves. Callers hold _gate.
    private List<T> Rows<T>(string sql, object? parameter, Func<SqliteDataReader, T> map)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null) command.Parameters.AddWithValue("$p", parameter);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(map(reader));
        return rows;
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static StoredPackage ToPackage((long Id, string Name, string Kind) row) =>
        new(row.Id, row.Name, row.Kind == "framework" ? PackageKind.Framework : PackageKind.Package);
}
