using ApiTruth.Checker;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Knowledge;
using ApiTruth.Cli.Commands;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.Checker;

/// <summary>
/// Explanations from a real index that the checker fills on demand: every served version of the pins, the later
/// framework versions, and the packages newer versions of a pin moved their types to.
/// </summary>
[Collection(CheckerCollection.Name)]
public sealed class KnowledgeTests(CheckerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apitruth-knowledge-").FullName;
    private readonly List<string> _indexed = [];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private IndexKnowledge OnDemand(string indexPath) => new(indexPath, async (packages, frameworks, ct) =>
    {
        _indexed.AddRange(packages.Select(p => p.ToString()).Concat(frameworks.Select(f => f.Moniker)));
        return await IndexOnDemand.RunAsync(indexPath, packages, frameworks, TextWriter.Null, "test", ct);
    });

    private async Task<CheckReport> CheckAsync(ICheckerIndex index, string code, string framework, params string[] pins)
    {
        var checker = new ApiChecker(fixture.Resolver, index);
        var reports = await checker.CheckAsync(new CheckRequest([new SnippetSource("snippet.cs", code)], framework,
            pins.Select(CheckCommand.ParsePin).ToList()), CancellationToken.None);
        return Assert.Single(reports);
    }

    [Fact]
    public async Task A_type_a_newer_pin_moved_to_its_dependency_is_missing_and_the_index_is_filled_once()
    {
        var path = Path.Combine(_dir, "index.db");
        using var knowledge = OnDemand(path);
        const string code = """
            var pipeline = new ResiliencePipelineBuilder().Build();
            var options = new RetryStrategyOptions();
            """;
        var checker = new ApiChecker(fixture.Resolver, knowledge);
        var report = Assert.Single(await checker.CheckAsync(new CheckRequest([new SnippetSource("snippet.cs", code)], "net10.0",
            [CheckCommand.ParsePin("Polly@7.2.4")]), CancellationToken.None));

        // Polly 8 depends on Polly.Core, which defines ResiliencePipelineBuilder; Polly 7.2.4 has no such type.
        var builder = report.At(1, "ResiliencePipelineBuilder");
        Assert.Equal(Verdict.Missing, builder.Verdict);
        Assert.Equal(Evidence.NameLevel, builder.Evidence);
        Assert.Contains("Polly.Core", builder.Message);
        Assert.Contains(builder.History, h => h.StartsWith("type 'ResiliencePipelineBuilder' is in every indexed version of Polly.Core (8.", StringComparison.Ordinal)
            && h.Contains("(Polly.Core is a dependency of Polly 8.", StringComparison.Ordinal));
        Assert.Equal(Verdict.Missing, report.At(2, "RetryStrategyOptions").Verdict);
        Assert.Equal(["Polly", "net10.0", "Polly.Core"], _indexed);

        using (var reader = new IndexReader(path))
        {
            var polly = reader.GetPackages().Single(p => p.Name == "Polly");
            var versions = reader.GetVersions(polly).Where(v => v.IsIndexed).Select(v => v.Version).ToList();
            Assert.Contains("7.2.4", versions);
            Assert.Contains("8.9.1", versions);
            Assert.Contains(reader.GetPackages(), p => p.Name == "Polly.Core");
        }

        // A second check of the same pins finds everything indexed and indexes nothing.
        var again = Assert.Single(await checker.CheckAsync(new CheckRequest([new SnippetSource("snippet.cs", code)], "net10.0",
            [CheckCommand.ParsePin("Polly@7.2.4")]), CancellationToken.None));
        Assert.Equal(Verdict.Missing, again.At(1, "ResiliencePipelineBuilder").Verdict);
        Assert.Equal(3, _indexed.Count);
        using var fresh = OnDemand(path);
        var third = await CheckAsync(fresh, code, "net10.0", "Polly@7.2.4");
        Assert.Equal(Verdict.Missing, third.At(2, "RetryStrategyOptions").Verdict);
        Assert.Equal(3, _indexed.Count);
    }

    [Fact]
    public async Task A_removed_member_gets_its_history_from_the_versions_indexed_on_demand()
    {
        using var knowledge = OnDemand(Path.Combine(_dir, "index.db"));
        var report = await CheckAsync(knowledge, """
            using Newtonsoft.Json;
            var value = await JsonConvert.DeserializeObjectAsync<int>("1");
            """, "net10.0", "Newtonsoft.Json@11.0.1");
        var missing = report.At(2, "DeserializeObjectAsync");
        Assert.Equal(Verdict.Missing, missing.Verdict);
        Assert.Equal(Evidence.Bound, missing.Evidence);
        Assert.Contains("'JsonConvert.DeserializeObjectAsync' in Newtonsoft.Json: present in 9.0.1, absent from 11.0.1 on; you use 11.0.1", missing.History);
    }

    [Fact]
    public async Task A_package_indexed_one_version_at_a_time_is_completed_before_its_history_is_told()
    {
        var path = Path.Combine(_dir, "index.db");
        // The pinned version is stored, the others are not: without completing it, history could only say "absent in 11.0.1".
        await IndexOnDemand.RunAsync(path, [PackageRequest.Parse("Newtonsoft.Json@11.0.1")], [], TextWriter.Null, "test", CancellationToken.None);
        using (var reader = new IndexReader(path))
            Assert.False(reader.FindPackage("Newtonsoft.Json")!.IsComplete);

        using var knowledge = OnDemand(path);
        var report = await CheckAsync(knowledge, """
            using Newtonsoft.Json;
            var value = await JsonConvert.DeserializeObjectAsync<int>("1");
            """, "net10.0", "Newtonsoft.Json@11.0.1");
        Assert.Contains("'JsonConvert.DeserializeObjectAsync' in Newtonsoft.Json: present in 9.0.1, absent from 11.0.1 on; you use 11.0.1",
            report.At(2, "DeserializeObjectAsync").History);
        Assert.Contains("Newtonsoft.Json", _indexed);
        using (var reader = new IndexReader(path))
        {
            var package = reader.FindPackage("Newtonsoft.Json")!;
            Assert.True(package.IsComplete);
            Assert.Contains(reader.GetVersions(package), v => v.Version == "9.0.1" && v.IsIndexed);
        }
    }

    [Fact]
    public async Task A_type_of_an_unreferenced_package_is_not_referenced_only_when_its_namespace_is_imported()
    {
        var path = Path.Combine(_dir, "index.db");
        using (var writer = new IndexWriter(path))
        {
            using var feed = ApiTruth.Indexer.Feeds.PackageFeed.FromConfiguration();
            var packs = new ApiTruth.Indexer.Packages.FrameworkPacks(feed);
            var summary = await new IndexRunner(feed, packs, new ApiTruth.Indexer.Packages.ReferenceSetBuilder(feed, packs),
                    new ApiTruth.Indexer.Extraction.ApiExtractor(), writer)
                .RunAsync([PackageRequest.Parse("Newtonsoft.Json@13.0.3")], [], new IndexOptions(), new SilentProgress(), CancellationToken.None);
            Assert.True(summary.AnythingUsable);
        }
        // Offline knowledge: what the index holds, nothing indexed on demand.
        using var knowledge = new IndexKnowledge(path, indexMissing: null, offlineReason: "--offline");

        var imported = await CheckAsync(knowledge, """
            using Newtonsoft.Json;
            var text = JsonConvert.SerializeObject(1);
            """, "net10.0");
        var type = imported.At(2, "JsonConvert");
        Assert.Equal(Verdict.NotReferenced, type.Verdict);
        Assert.Equal("type 'JsonConvert' is defined in Newtonsoft.Json, which is not referenced", type.Message);
        Assert.Contains(type.History, h => h.StartsWith("type 'JsonConvert' is in every indexed version of Newtonsoft.Json (13.0.3)", StringComparison.Ordinal));

        // Without the using, 'JsonConvert' may as well be the snippet's own type: named, not flagged.
        var bare = await CheckAsync(knowledge, "var text = JsonConvert.SerializeObject(1);", "net10.0");
        var guess = bare.At(1, "JsonConvert");
        Assert.Equal(Verdict.Unverifiable, guess.Verdict);
        Assert.EndsWith("a type of that name is in Newtonsoft.Json, which is not referenced", guess.Message);

        // The frameworks the explanation wanted are not indexed, and offline says so instead of fetching them.
        Assert.Contains(bare.Notes, n => n.StartsWith("not indexed, so explanations are limited: net10.0", StringComparison.Ordinal) && n.EndsWith("(--offline)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offline_without_an_index_checks_and_says_what_it_could_not_explain()
    {
        using var knowledge = new IndexKnowledge(Path.Combine(_dir, "absent.db"), indexMissing: null, offlineReason: "--offline");
        var report = await CheckAsync(knowledge, "var pipeline = new ResiliencePipelineBuilder();", "net10.0", "Polly@7.2.4");
        var builder = report.At(1, "ResiliencePipelineBuilder");
        Assert.Equal(Verdict.Unverifiable, builder.Verdict);
        Assert.Empty(builder.History);
        Assert.Contains(report.Notes, n => n == "not indexed, so explanations are limited: Polly, net10.0 (--offline)");
        Assert.False(File.Exists(Path.Combine(_dir, "absent.db")));
    }

    [Fact]
    public async Task A_project_hook_does_not_index_to_explain_a_type_it_cannot_see()
    {
        var path = Path.Combine(_dir, "index.db");
        using var knowledge = new IndexKnowledge(path, (packages, frameworks, ct) =>
        {
            _indexed.AddRange(packages.Select(p => p.ToString()).Concat(frameworks.Select(f => f.Moniker)));
            return Task.FromResult<string?>(null);
        })
        { IndexForUnknownTypes = false };
        var report = await CheckAsync(knowledge, "var pipeline = new ResiliencePipelineBuilder();", "net10.0", "Polly@7.2.4");
        Assert.Equal(Verdict.Unverifiable, report.At(1, "ResiliencePipelineBuilder").Verdict);
        Assert.Empty(_indexed);

        // A problem to explain is reason enough.
        await CheckAsync(knowledge, "Polly.Policy.Handle<System.Exception>().Retryy(3);", "net10.0", "Polly@7.2.4");
        Assert.Equal(["Polly", "net10.0"], _indexed);
    }

    private sealed class SilentProgress : IIndexProgress
    {
        public void Planned(int total)
        {
        }

        public void Finished(VersionResult result, int done, int total)
        {
        }
    }
}
