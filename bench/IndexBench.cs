using System.Diagnostics;
using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Bench;

/// <summary>
/// Issue 2's benchmark: every served version of five packages plus the net8.0 reference pack, indexed into an
/// empty index with a warm package cache; then the index's size per (API, version) pair against the naive
/// one-row-per-pair layout holding the same facts.
/// </summary>
internal static class IndexBench
{
    public static readonly string[] Packages = ["Newtonsoft.Json", "Serilog", "Polly", "Dapper", "CsvHelper"];

    private sealed class Silent : IIndexProgress
    {
        public void Planned(int total) { }

        public void Finished(VersionResult result, int done, int total) { }
    }

    public static async Task<(string Report, string IndexPath)> RunAsync(BenchPaths paths, CancellationToken ct)
    {
        var requests = Packages.Select(PackageRequest.Parse).ToList();
        FrameworkRequest[] frameworks = [new("net8.0", false)];
        using var feed = PackageFeed.FromConfiguration();
        var packs = new FrameworkPacks(feed);

        // Warm-up run: fills the package cache (downloads are not what this measures) and JIT-compiles the pipeline.
        var warmPath = paths.File("warm.db");
        BenchPaths.DeleteIndex(warmPath);
        using (var warm = new IndexWriter(warmPath))
            await new IndexRunner(feed, packs, new ReferenceSetBuilder(feed, packs), new ApiExtractor(), warm)
                .RunAsync(requests, frameworks, new IndexOptions(), new Silent(), ct);

        var indexPath = paths.File("bench.db");
        BenchPaths.DeleteIndex(indexPath);
        IndexSummary summary;
        var clock = Stopwatch.StartNew();
        using (var writer = new IndexWriter(indexPath))
        {
            summary = await new IndexRunner(feed, packs, new ReferenceSetBuilder(feed, packs), new ApiExtractor(), writer)
                .RunAsync(requests, frameworks, new IndexOptions(), new Silent(), ct);
            writer.Checkpoint();
        }
        var wall = clock.Elapsed;
        SqliteConnection.ClearAllPools();
        var indexBytes = new FileInfo(indexPath).Length;

        var naivePath = paths.File("naive.db");
        BenchPaths.DeleteIndex(naivePath);
        var (pairs, groupPairs) = WriteNaive(indexPath, naivePath);
        var naiveBytes = new FileInfo(naivePath).Length;

        var stored = summary.Results.Count(r => r.Stored);
        var failed = summary.Results.Where(r => !r.Stored).Select(r => $"{r.Package} {r.Version}: {r.Reason}").ToList();
        var lines = new List<string>
        {
            "## index (issue 2)",
            $"set: all served versions of {string.Join(", ", Packages)} + net8.0 reference pack; warm package cache, empty index",
            $"versions stored: {stored}; not stored: {failed.Count}{(failed.Count > 0 ? " (" + string.Join("; ", failed) + ")" : "")}",
            $"wall time: {wall.TotalSeconds:F2} s",
            $"APIs extracted and stored: {summary.ExtractedApis:N0} (every asset group counted) -> {summary.ExtractedApis / wall.TotalSeconds:N0} APIs/s (target >= 50,000)",
            $"index file: {indexBytes:N0} bytes",
            $"(API, version) pairs: {pairs:N0}; (API, asset group) pairs: {groupPairs:N0}",
            $"bytes per (API, version) pair: {(double)indexBytes / pairs:F2} (target <= 5)",
            $"naive one-row-per-pair layout, same facts: {naiveBytes:N0} bytes = {(double)naiveBytes / pairs:F1} bytes/pair; index is {(double)naiveBytes / indexBytes:F1}x smaller",
        };
        return (string.Join('\n', lines), indexPath);
    }

    /// <summary>The naive layout: one row per (API, package version) with the API's doc ID and facts as text.</summary>
    private static (long Pairs, long GroupPairs) WriteNaive(string indexPath, string naivePath)
    {
        using var reader = new IndexReader(indexPath);
        using var naive = new SqliteConnection($"Data Source={naivePath};Pooling=False");
        naive.Open();
        naive.Execute("""
            PRAGMA journal_mode=OFF;
            CREATE TABLE api (package TEXT NOT NULL, version TEXT NOT NULL, doc_id TEXT NOT NULL, kind INTEGER NOT NULL, flags INTEGER NOT NULL,
                display TEXT NOT NULL, return_type TEXT, parameters TEXT, obsolete TEXT, PRIMARY KEY (package, version, doc_id)) WITHOUT ROWID;
            """);
        long pairs = 0, groupPairs = 0;
        using var transaction = naive.BeginTransaction();
        using var insert = naive.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO api VALUES ($p, $v, $d, $k, $f, $s, $r, $a, $o)";
        var parameters = new[] { "$p", "$v", "$d", "$k", "$f", "$s", "$r", "$a", "$o" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var package in reader.GetPackages())
        {
            var catalog = reader.GetCatalog(package);
            foreach (var version in reader.GetVersions(package).Where(v => v.IsIndexed))
            {
                var ids = new HashSet<int>();
                foreach (var group in reader.GetAssetGroups(version.Id))
                {
                    if (group.ApiSetId is not { } set) continue;
                    var members = reader.GetApiSet(set);
                    groupPairs += members.Length;
                    ids.UnionWith(members);
                }
                foreach (var api in catalog.Resolve(ids).DistinctBy(a => a.DocId))
                {
                    pairs++;
                    parameters[0].Value = package.Name;
                    parameters[1].Value = version.Version;
                    parameters[2].Value = api.DocId;
                    parameters[3].Value = (int)api.Kind;
                    parameters[4].Value = (long)api.Flags;
                    parameters[5].Value = api.Display;
                    parameters[6].Value = (object?)api.ReturnType ?? DBNull.Value;
                    parameters[7].Value = api.ParameterList.Count == 0 ? DBNull.Value : string.Join(",", api.ParameterList.Select(p => $"{p.Type} {p.Name}{(p.DefaultValue is null ? "" : "=" + p.DefaultValue)}"));
                    parameters[8].Value = (object?)api.ObsoleteMessage ?? DBNull.Value;
                    insert.ExecuteNonQuery();
                }
            }
        }
        transaction.Commit();
        naive.Execute("VACUUM");
        return (pairs, groupPairs);
    }
}
