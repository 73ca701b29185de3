using ApiTruth.Indexer.Model;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// The index's single writer. Each package version is written in one transaction, so an interrupted run
/// leaves every version either fully present or absent. API variants are interned per package: a variant
/// already stored for an earlier version costs nothing again, only its id in the (shared) API set.
/// </summary>
internal sealed class IndexWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<long, PackageState> _packages = [];
    private int? _nextVariant;

    public IndexWriter(string path)
    {
        Path = path;
        _connection = IndexDatabase.Open(path);
    }

    public string Path { get; }

    /// <summary>The stored status of a version ("indexed", "partial", "failed", "not-served"), or null.</summary>
    public string? GetStatus(string package, string version) =>
        _connection.ExecuteScalar<string?>(
            "SELECT v.status FROM package_version v JOIN package p ON p.id = v.package_id WHERE p.name = @package AND v.version = @version",
            new { package, version });

    /// <summary>Records a version that could not be indexed, replacing whatever was stored for it.</summary>
    public void RecordFailure(string package, PackageKind kind, string version, string status, string reason)
    {
        if (status is not ("failed" or "not-served")) throw new ArgumentOutOfRangeException(nameof(status), status, "A failure is 'failed' or 'not-served'.");
        using var transaction = _connection.BeginTransaction();
        var packageId = GetOrCreatePackage(package, kind, transaction);
        _connection.Execute("DELETE FROM package_version WHERE package_id = @packageId AND version = @version", new { packageId, version }, transaction);
        _connection.Execute(
            "INSERT INTO package_version (package_id, version, status, reason, api_count, indexed_at) VALUES (@packageId, @version, @status, @reason, 0, @now)",
            new { packageId, version, status, reason, now = Now() }, transaction);
        transaction.Commit();
    }

    /// <summary>
    /// Records that every version the feeds served of a package on <paramref name="when"/> is stored (indexed, or recorded
    /// as failed or not served): its history is complete as of then.
    /// </summary>
    public void MarkComplete(string package, PackageKind kind, DateTimeOffset when)
    {
        using var transaction = _connection.BeginTransaction();
        var packageId = GetOrCreatePackage(package, kind, transaction);
        _connection.Execute("UPDATE package SET complete_at = @at WHERE id = @packageId",
            new { packageId, at = when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) }, transaction);
        transaction.Commit();
    }

    /// <summary>Writes one version (replacing any earlier row for it) and returns the number of distinct APIs it has.</summary>
    public int WriteVersion(PackageVersionData data)
    {
        using var transaction = _connection.BeginTransaction();
        long packageId = 0;
        try
        {
            packageId = GetOrCreatePackage(data.Package, data.Kind, transaction);
            var state = GetState(packageId, transaction);
            _connection.Execute("DELETE FROM package_version WHERE package_id = @packageId AND version = @version",
                new { packageId, version = data.Version }, transaction);

            var newRecords = new HashSet<ApiRecord>();
            foreach (var group in data.Groups)
                foreach (var api in group.Apis)
                    if (!state.Variants.ContainsKey(api)) newRecords.Add(api);
            if (newRecords.Count > 0) AppendSegment(packageId, state, newRecords, ScopeFacts.From(data.Groups.SelectMany(g => g.Apis)), transaction);

            var problems = data.Groups.Sum(g => g.Problems.Count);
            var versionId = _connection.ExecuteScalar<long>(
                """
                INSERT INTO package_version (package_id, version, status, reason, source, api_count, indexed_at)
                VALUES (@packageId, @version, @status, @reason, @source, 0, @now) RETURNING id
                """,
                new
                {
                    packageId,
                    version = data.Version,
                    status = problems > 0 ? "partial" : "indexed",
                    reason = problems > 0 ? $"{problems} problem(s) in asset groups" : null,
                    source = data.Source,
                    now = Now(),
                },
                transaction);

            var allIds = new HashSet<int>();
            foreach (var group in data.Groups)
            {
                var ids = new SortedSet<int>();
                foreach (var api in group.Apis) ids.Add(state.Variants[api]);
                allIds.UnionWith(ids);
                long? apiSetId = group.IsPlaceholder && ids.Count == 0 ? null : StoreApiSet(packageId, state, [.. ids], transaction);
                _connection.Execute(
                    """
                    INSERT INTO asset_group (version_id, path, kind, framework, is_placeholder, api_set_id, texts)
                    VALUES (@versionId, @path, @kind, @framework, @placeholder, @apiSetId, @texts)
                    """,
                    new
                    {
                        versionId,
                        path = group.Path,
                        kind = group.Kind,
                        framework = group.Framework,
                        placeholder = group.IsPlaceholder ? 1 : 0,
                        apiSetId,
                        texts = AssetGroupTexts.Encode(group),
                    },
                    transaction);
            }
            _connection.Execute("UPDATE package_version SET api_count = @count, dependencies = @dependencies WHERE id = @versionId",
                new { count = allIds.Count, dependencies = data.Dependencies.Count == 0 ? null : DependencyTexts.Encode(data.Dependencies), versionId }, transaction);
            transaction.Commit();
            return allIds.Count;
        }
        catch
        {
            transaction.Rollback();
            // The in-memory intern table may hold ids of the rolled-back segment: forget it and reload on next use.
            _packages.Remove(packageId);
            _nextVariant = null;
            throw;
        }
    }

    /// <summary>Drops API sets that no asset group uses any more (after versions were re-indexed), except bases of kept sets.</summary>
    public int DeleteUnusedApiSets()
    {
        int total = 0, deleted;
        do
        {
            deleted = _connection.Execute(
                """
                DELETE FROM api_set WHERE id NOT IN (SELECT api_set_id FROM asset_group WHERE api_set_id IS NOT NULL)
                    AND id NOT IN (SELECT base_id FROM api_set WHERE base_id IS NOT NULL)
                """);
            total += deleted;
        }
        while (deleted > 0);
        foreach (var state in _packages.Values) state.ApiSets = null;
        return total;
    }

    public void Checkpoint() => _connection.Execute("PRAGMA wal_checkpoint(TRUNCATE)");

    public void Dispose() => _connection.Dispose();

    private void AppendSegment(long packageId, PackageState state, HashSet<ApiRecord> newRecords, ScopeFacts scopes, SqliteTransaction transaction)
    {
        var ordered = CatalogCodec.InStorageOrder(newRecords);
        var first = NextVariant(transaction);
        var segment = CatalogCodec.Encode(ordered, state.Names, scopes.For(ordered));
        _connection.Execute(
            "INSERT INTO catalog_segment (package_id, first_variant, count, names, keys, data) VALUES (@packageId, @first, @count, @names, @keys, @data)",
            new { packageId, first, count = ordered.Count, names = segment.Names, keys = segment.Keys, data = segment.Data }, transaction);
        for (var i = 0; i < ordered.Count; i++) state.Variants[ordered[i]] = first + i;
        _nextVariant = first + ordered.Count;
    }

    private long StoreApiSet(long packageId, PackageState state, int[] ids, SqliteTransaction transaction)
    {
        // Variant ids are the package's own, so an identical set can only be one of the package's.
        var sets = PackageApiSets(packageId, state, transaction);
        foreach (var (id, set) in sets)
            if (set.Ids.AsSpan().SequenceEqual(ids)) return id;
        var blob = ApiSetCodec.Encode(ids);

        // Against the package's closest set, when the difference is smaller than the set; chains stay short so a read
        // decodes a few blobs at most.
        (long Id, int Depth, List<int> Difference)? closest = null;
        foreach (var (candidateId, candidate) in sets)
        {
            if (candidate.Depth >= MaxApiSetDepth) continue;
            var difference = ApiSetCodec.Difference(candidate.Ids, ids);
            if (difference.Count < (closest?.Difference.Count ?? ids.Length)) closest = (candidateId, candidate.Depth + 1, difference);
        }
        (long Id, int Depth, byte[] Blob)? best = null;
        if (closest is { } c && ApiSetCodec.Encode(c.Difference) is var differenceBlob && differenceBlob.Length < blob.Length)
            best = (c.Id, c.Depth, differenceBlob);
        var newId = _connection.ExecuteScalar<long>(
            "INSERT INTO api_set (count, base_id, ids) VALUES (@count, @baseId, @blob) RETURNING id",
            new { count = ids.Length, baseId = best?.Id, blob = best?.Blob ?? blob }, transaction);
        sets[newId] = (ids, best?.Depth ?? 0);
        return newId;
    }

    private const int MaxApiSetDepth = 4;

    /// <summary>The API sets a package's asset groups use, decoded: the candidates for a new set's base.</summary>
    private Dictionary<long, (int[] Ids, int Depth)> PackageApiSets(long packageId, PackageState state, SqliteTransaction transaction)
    {
        if (state.ApiSets is { } known) return known;
        var sets = new Dictionary<long, (int[] Ids, int Depth)>();
        foreach (var id in _connection.Query<long>(
            """
            SELECT DISTINCT g.api_set_id FROM asset_group g JOIN package_version v ON v.id = g.version_id
            WHERE v.package_id = @packageId AND g.api_set_id IS NOT NULL
            """, new { packageId }, transaction))
            sets[id] = LoadApiSet(id, transaction);
        return state.ApiSets = sets;
    }

    private (int[] Ids, int Depth) LoadApiSet(long id, SqliteTransaction transaction)
    {
        var (count, baseId, blob) = _connection.QuerySingle<(long, long?, byte[])>("SELECT count, base_id, ids FROM api_set WHERE id = @id", new { id }, transaction);
        if (baseId is not { } b) return (ApiSetCodec.Decode(blob, (int)count), 0);
        var (baseIds, depth) = LoadApiSet(b, transaction);
        var difference = ApiSetCodec.Decode(blob);
        return (ApiSetCodec.Apply(baseIds, difference, (int)count), depth + 1);
    }

    private int NextVariant(SqliteTransaction transaction) =>
        _nextVariant ??= (int)_connection.ExecuteScalar<long>("SELECT COALESCE(MAX(first_variant + count), 0) FROM catalog_segment", transaction: transaction);

    private long GetOrCreatePackage(string name, PackageKind kind, SqliteTransaction transaction)
    {
        var kindText = kind == PackageKind.Framework ? "framework" : "package";
        var existing = _connection.QuerySingleOrDefault<(long Id, string Kind)?>("SELECT id, kind FROM package WHERE name = @name", new { name }, transaction);
        if (existing is { } row)
        {
            if (row.Kind != kindText) throw new InvalidOperationException($"'{name}' is stored as a {row.Kind}, not a {kindText}.");
            return row.Id;
        }
        return _connection.ExecuteScalar<long>("INSERT INTO package (name, kind) VALUES (@name, @kindText) RETURNING id", new { name, kindText }, transaction);
    }

    private PackageState GetState(long packageId, SqliteTransaction transaction)
    {
        if (_packages.TryGetValue(packageId, out var state)) return state;
        state = new PackageState();
        var found = new List<(int Index, ApiRecord Api)>();
        foreach (var (first, names, keys, data) in _connection.Query<(long, byte[]?, byte[], byte[])>(
            "SELECT first_variant, names, keys, data FROM catalog_segment WHERE package_id = @packageId ORDER BY first_variant", new { packageId }, transaction))
        {
            state.Names.Append(CatalogNames.Decode(names));
            found.Clear();
            CatalogCodec.Decode(data, CatalogCodec.ReadKeys(keys), state.Names, null, found);
            foreach (var (index, api) in found) state.Variants[api] = (int)first + index;
        }
        _packages[packageId] = state;
        return state;
    }

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private sealed class PackageState
    {
        public Dictionary<ApiRecord, int> Variants { get; } = [];

        public CatalogNames Names { get; } = new();

        /// <summary>Loaded on the first new API set of the package in this writer's life.</summary>
        public Dictionary<long, (int[] Ids, int Depth)>? ApiSets { get; set; }
    }
}
