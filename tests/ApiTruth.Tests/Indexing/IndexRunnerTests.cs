using System.Diagnostics;
using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.Feeds;
using ApiTruth.Tests.Storage;
using Dapper;
using NuGet.Versioning;

namespace ApiTruth.Tests.Indexing;

public sealed class IndexRunnerTests
{
    private const string DeserializeObjectAsync = "M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync``1(System.String)";

    private sealed class SilentProgress : IIndexProgress
    {
        public void Planned(int total) { }

        public void Finished(VersionResult result, int done, int total) { }
    }

    private static Task<IndexSummary> RunAsync(PackageFeed feed, IndexWriter writer, IReadOnlyList<string> packages, bool force = false, IReadOnlyList<FrameworkRequest>? frameworks = null)
    {
        var packs = new FrameworkPacks(feed);
        var runner = new IndexRunner(feed, packs, new ReferenceSetBuilder(feed, packs), new ApiExtractor(), writer);
        return runner.RunAsync(packages.Select(PackageRequest.Parse).ToList(), frameworks ?? [], new IndexOptions(force), new SilentProgress(), CancellationToken.None);
    }

    /// <summary>Every version of <paramref name="package"/> whose asset groups contain <paramref name="docId"/>, read back from the index.</summary>
    private static Dictionary<string, bool> Presence(string indexPath, string package, string docId)
    {
        using var reader = new IndexReader(indexPath);
        var stored = reader.FindPackage(package)!;
        var catalog = reader.GetCatalog(stored);
        var ids = catalog.Find(docId).Select(v => v.Id).ToHashSet();
        return reader.GetVersions(stored).Where(v => v.IsIndexed).ToDictionary(
            v => v.Version,
            v => reader.GetAssetGroups(v.Id).Any(g => g.ApiSetId is { } set && reader.GetApiSet(set).Any(ids.Contains)));
    }

    [Fact]
    public async Task Indexing_real_Newtonsoft_versions_stores_what_each_has_records_an_unserved_one_and_skips_on_rerun()
    {
        using var temp = new TempIndex();
        using var feed = PackageFeed.FromConfiguration();
        string[] request = ["Newtonsoft.Json@9.0.1", "Newtonsoft.Json@11.0.1", "Newtonsoft.Json@13.0.3", "Newtonsoft.Json@10.0.3"];
        using (var writer = new IndexWriter(temp.FilePath))
        {
            var first = await RunAsync(feed, writer, request);
            Assert.Equal(3, first.Count(VersionOutcome.Indexed));
            var unserved = Assert.Single(first.Results, r => r.Outcome == VersionOutcome.NotServed);
            Assert.Equal("10.0.3", unserved.Version);
            Assert.Contains("not served", unserved.Reason);

            var second = await RunAsync(feed, writer, request);
            Assert.Equal(3, second.Count(VersionOutcome.Skipped));
            Assert.Equal(0, second.Count(VersionOutcome.Indexed));

            var forced = await RunAsync(feed, writer, ["Newtonsoft.Json@13.0.3"], force: true);
            Assert.Equal(VersionOutcome.Indexed, Assert.Single(forced.Results).Outcome);
        }

        Assert.Equal(new Dictionary<string, bool> { ["9.0.1"] = true, ["11.0.1"] = false, ["13.0.3"] = false },
            Presence(temp.FilePath, "Newtonsoft.Json", DeserializeObjectAsync));
        Assert.True(Presence(temp.FilePath, "Newtonsoft.Json", "M:Newtonsoft.Json.JsonConvert.DeserializeObject``1(System.String)").Values.All(p => p));

        using var reader = new IndexReader(temp.FilePath);
        var versions = reader.GetVersions(reader.FindPackage("Newtonsoft.Json")!);
        Assert.Equal(["9.0.1", "10.0.3", "11.0.1", "13.0.3"], versions.Select(v => v.Version));
        Assert.Equal("not-served", versions[1].Status);
        var v13 = reader.GetAssetGroups(versions[3].Id);
        Assert.Contains(v13, g => g.Path == "lib/net6.0" && g.Kind == "lib" && g.Assemblies.SequenceEqual(["Newtonsoft.Json.dll"]));
        Assert.Equal(8, v13.Count);
        // The variant is stored once although 9.0.1 has it in seven asset groups.
        Assert.Single(reader.GetCatalog(reader.FindPackage("Newtonsoft.Json")!).Find(DeserializeObjectAsync));
    }

    [Fact]
    public async Task A_corrupt_package_fails_alone_an_unreadable_dll_makes_its_version_partial_and_the_rest_is_indexed()
    {
        using var temp = new TempDirectory();
        var feedFolder = temp.Combine("feed");
        var packages = temp.Combine("packages");
        using (var userFeed = PackageFeed.FromConfiguration())
        {
            // A real package, served by the local feed from the bytes the user's feed gave us.
            var real = await userFeed.EnsurePackageAsync("Serilog", NuGetVersion.Parse("4.3.0"), CancellationToken.None);
            var nupkg = File.ReadAllBytes(Path.Combine(real.Directory, "serilog.4.3.0.nupkg"));
            TestFeeds.AddToV3Feed(feedFolder, "Serilog", "4.3.0", nupkg, File.ReadAllText(Path.Combine(real.Directory, "serilog.nuspec")));
        }
        TestFeeds.AddToV3Feed(feedFolder, "Broken.Package", "1.0.0", "this is not a zip file"u8.ToArray(), TestFeeds.Nuspec("Broken.Package", "1.0.0"));
        var nativeOnly = temp.Combine("native.nupkg");
        TestFeeds.WriteNupkg(nativeOnly, "Native.Only", "1.0.0", new Dictionary<string, string> { ["lib/net8.0/Native.Only.dll"] = "\u007fELF not a .NET assembly" });
        TestFeeds.AddToV3Feed(feedFolder, "Native.Only", "1.0.0", File.ReadAllBytes(nativeOnly), TestFeeds.Nuspec("Native.Only", "1.0.0"));
        TestFeeds.WriteNuGetConfig(temp.Path, packages, new Dictionary<string, string> { ["local"] = feedFolder });

        var indexPath = temp.Combine("index.db");
        using var feed = PackageFeed.FromConfiguration(temp.Path);
        IndexSummary summary;
        using (var writer = new IndexWriter(indexPath))
            summary = await RunAsync(feed, writer, ["Broken.Package@1.0.0", "Native.Only@1.0.0", "Serilog@4.3.0"]);

        var broken = Assert.Single(summary.Results, r => r.Package == "Broken.Package");
        Assert.Equal(VersionOutcome.Failed, broken.Outcome);
        Assert.Contains("corrupt", broken.Reason, StringComparison.OrdinalIgnoreCase);
        var native = Assert.Single(summary.Results, r => r.Package == "Native.Only");
        Assert.Equal(VersionOutcome.Partial, native.Outcome);
        Assert.Contains("Native.Only.dll", native.Reason);
        Assert.Equal(VersionOutcome.Indexed, Assert.Single(summary.Results, r => r.Package == "Serilog").Outcome);
        Assert.True(summary.AnythingUsable);

        using var reader = new IndexReader(indexPath);
        var stored = reader.GetVersions(reader.FindPackage("Broken.Package")!).Single();
        Assert.Equal(("failed", true), (stored.Status, stored.Reason!.Contains("corrupt", StringComparison.OrdinalIgnoreCase)));
        var serilog = reader.GetVersions(reader.FindPackage("Serilog")!).Single();
        Assert.True(serilog.ApiCount > 400, $"Serilog 4.3.0 has {serilog.ApiCount} APIs");
    }

    [Fact]
    public async Task A_run_killed_midway_leaves_a_consistent_index_and_the_next_run_resumes()
    {
        using var temp = new TempIndex();
        var cli = typeof(ApiTruth.Cli.Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "index", "Serilog", "--parallel", "1", "--index", temp.FilePath }) start.ArgumentList.Add(argument);
        using (var process = Process.Start(start)!)
        {
            // Kill it as soon as the first version is stored, while later ones are being written.
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("[1/", StringComparison.Ordinal)) { }
            Assert.NotNull(line);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        using (var connection = IndexDatabase.Open(temp.FilePath))
        {
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            // Every stored version is whole: its groups and their API sets are there.
            var incomplete = connection.ExecuteScalar<long>("""
                SELECT COUNT(*) FROM package_version v WHERE v.status IN ('indexed', 'partial')
                AND (NOT EXISTS (SELECT 1 FROM asset_group g WHERE g.version_id = v.id)
                     OR EXISTS (SELECT 1 FROM asset_group g WHERE g.version_id = v.id AND g.is_placeholder = 0 AND g.api_set_id IS NULL))
                """);
            Assert.Equal(0, incomplete);
            // The killed run never got to the end: the package is not known to hold every served version.
            Assert.Null(connection.ExecuteScalar<string?>("SELECT complete_at FROM package WHERE name = 'Serilog'"));
        }

        int storedBefore;
        using (var reader = new IndexReader(temp.FilePath))
            storedBefore = reader.GetVersions(reader.FindPackage("Serilog")!).Count(v => v.IsIndexed);
        Assert.InRange(storedBefore, 1, 10);

        using var feed = PackageFeed.FromConfiguration();
        var served = await feed.ListVersionsAsync("Serilog", CancellationToken.None);
        using var writer = new IndexWriter(temp.FilePath);
        var resumed = await RunAsync(feed, writer, ["Serilog"]);
        Assert.Equal(storedBefore, resumed.Count(VersionOutcome.Skipped));
        Assert.Equal(served.Count, resumed.Results.Count(r => r.Stored || r.Outcome == VersionOutcome.Skipped));
        Assert.NotNull(CompleteAt(temp.FilePath, "Serilog"));
    }

    [Fact]
    public async Task Only_a_run_over_every_served_version_marks_a_package_complete()
    {
        using var temp = new TempIndex();
        using var feed = PackageFeed.FromConfiguration();
        using var writer = new IndexWriter(temp.FilePath);
        // Newtonsoft.Json.Bson: 1.0.1 and 1.0.2 are served here.
        var one = await RunAsync(feed, writer, ["Newtonsoft.Json.Bson@1.0.2"]);
        Assert.Equal(1, one.Count(VersionOutcome.Indexed));
        Assert.Null(CompleteAt(temp.FilePath, "Newtonsoft.Json.Bson"));
        await RunAsync(feed, writer, ["Newtonsoft.Json.Bson@[1.0.0,1.0.2)"]);
        Assert.Null(CompleteAt(temp.FilePath, "Newtonsoft.Json.Bson"));

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var all = await RunAsync(feed, writer, ["Newtonsoft.Json.Bson"]);
        Assert.Equal(2, all.Count(VersionOutcome.Skipped));
        var completeAt = DateTimeOffset.Parse(CompleteAt(temp.FilePath, "Newtonsoft.Json.Bson")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(completeAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private static string? CompleteAt(string indexPath, string package)
    {
        using var reader = new IndexReader(indexPath);
        return reader.FindPackage(package)?.CompleteAt;
    }
}
