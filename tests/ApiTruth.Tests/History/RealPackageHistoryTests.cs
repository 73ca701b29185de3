using ApiTruth.History;
using ApiTruth.History.Availability;
using ApiTruth.History.Diff;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.History;

/// <summary>
/// History facts about real packages and framework versions, read from an index built by the real pipeline, and
/// each proven a second time by reading the very DLLs (with System.Reflection.Metadata) that the history names.
/// </summary>
[Collection(RealIndexCollection.Name)]
public sealed class RealPackageHistoryTests(RealIndexFixture fixture)
{
    private static readonly string[] NewtonsoftFrom11 = ["11.0.1", "12.0.1", "12.0.3", "13.0.1", "13.0.2", "13.0.3", "13.0.4"];

    private HistoryService History(IndexReader reader) => new(new IndexView(reader));

    [Fact]
    public void The_fixture_indexed_every_requested_version()
    {
        Assert.Empty(fixture.Summary.RequestErrors);
        Assert.DoesNotContain(fixture.Summary.Results, r => r.Outcome == VersionOutcome.Failed);
        using var reader = new IndexReader(fixture.IndexPath);
        var versions = reader.GetVersions(reader.FindPackage("Newtonsoft.Json")!).Where(v => v.IsIndexed).Select(v => v.Version).ToList();
        Assert.Superset(new HashSet<string>(["9.0.1", .. NewtonsoftFrom11]), versions.ToHashSet());
    }

    [Fact]
    public async Task Newtonsoft_DeserializeObjectAsync_is_present_up_to_9_0_1_and_absent_from_11_0_1_on()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var result = History(reader).Query(new HistoryRequest("Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync"));
        Assert.Equal("net6.0", result.Framework);
        Assert.Equal(4, result.Matches.Count);
        foreach (var match in result.Matches)
        {
            Assert.StartsWith("M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync", match.Symbol);
            var first = match.Versions[0];
            Assert.Equal("9.0.1", first.Version);
            Assert.True(first.Status.IsPresent());
            Assert.Equal(ApiStatus.Obsolete, first.Status);
            Assert.Contains("DeserializeObjectAsync is obsolete", first.ObsoleteMessage);
            Assert.Equal(NewtonsoftFrom11, match.Versions.Skip(1).Select(v => v.Version));
            Assert.All(match.Versions.Skip(1), v => Assert.Equal(ApiStatus.Absent, v.Status));
            Assert.Equal(("9.0.1", "9.0.1", "11.0.1"), (match.Introduced, match.LastPresent, match.RemovedIn));
            Assert.Contains("(9.0.1, 11.0.1)", match.NotIndexed.Select(g => g.Range));
            Assert.EndsWith("last present in 9.0.1, absent from 11.0.1 on (versions 10.x not indexed)", match.Conclusion);
        }

        // The same facts from the DLLs themselves: the asset group each row names has (or lacks) the method.
        foreach (var row in result.Matches[0].Versions)
        {
            var dll = Path.Combine(await fixture.PackageFolderAsync("Newtonsoft.Json", row.Version), row.Asset!, "Newtonsoft.Json.dll");
            var surface = MetadataSurface.Read(dll);
            Assert.True(surface.Contains("Newtonsoft.Json.JsonConvert.DeserializeObject"), dll);
            Assert.Equal(row.Status.IsPresent(), surface.Contains("Newtonsoft.Json.JsonConvert.DeserializeObjectAsync"));
        }
    }

    [Fact]
    public async Task Serilog_LogEvent_TraceId_arrives_in_a_later_version_than_the_first_indexed()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var match = Assert.Single(History(reader).Query(new HistoryRequest("Serilog", "LogEvent.TraceId")).Matches);
        Assert.Equal("P:Serilog.Events.LogEvent.TraceId", match.Symbol);
        Assert.Equal("3.1.1", match.Introduced);
        Assert.Null(match.RemovedIn);
        Assert.Equal(["2.7.1", "2.9.0", "2.10.0", "2.11.0"], match.Versions.Where(v => v.Status == ApiStatus.Absent).Select(v => v.Version));
        Assert.StartsWith("introduced in 3.1.1 (versions between 2.11.0 and 3.1.1 not indexed), still present in", match.Conclusion);
        foreach (var row in match.Versions)
        {
            var surface = MetadataSurface.Read(Path.Combine(await fixture.PackageFolderAsync("Serilog", row.Version), row.Asset!, "Serilog.dll"));
            Assert.Contains("Serilog.Events.LogEvent", surface);
            Assert.Equal(row.Status.IsPresent(), surface.Contains("Serilog.Events.LogEvent.TraceId"));
        }
    }

    [Theory]
    [InlineData("Enumerable.Chunk", "net6.0")]
    [InlineData("Enumerable.CountBy", "net9.0")]
    public async Task Framework_apis_appear_in_the_framework_version_that_introduced_them(string api, string introduced)
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var result = History(reader).Query(new HistoryRequest(null, api));
        Assert.Equal(".NET", result.Package);
        var match = Assert.Single(result.Matches);
        Assert.Equal(RealIndexFixture.Frameworks, match.Versions.Select(v => v.Version));
        Assert.Equal(introduced, match.Introduced);
        Assert.Null(match.RemovedIn);
        var memberName = "System.Linq." + api;
        foreach (var row in match.Versions)
        {
            var pack = await fixture.FrameworkPackAsync(row.Version);
            var linq = pack.Assemblies.Single(a => Path.GetFileName(a) == "System.Linq.dll");
            var surface = MetadataSurface.Read(linq);
            Assert.Contains("System.Linq.Enumerable.Select", surface);
            Assert.Equal(row.Status.IsPresent(), surface.Contains(memberName));
            Assert.Equal(row.Status.IsPresent(), VersionOrder.CompareFrameworks(row.Version, introduced) >= 0);
        }
    }

    [Fact]
    public async Task A_diff_between_9_0_1_and_11_0_1_lists_the_async_JsonConvert_methods_as_removed()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var diff = new DiffService(new IndexView(reader)).Diff(new DiffRequest("Newtonsoft.Json", "9.0.1", "11.0.1"));
        var removed = diff.Removed.Where(r => r.Type == "JsonConvert").Select(r => r.Symbol).ToHashSet();
        string[] asyncMethods =
        [
            "M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync(System.String)",
            "M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync``1(System.String)",
            "M:Newtonsoft.Json.JsonConvert.SerializeObjectAsync(System.Object)",
            "M:Newtonsoft.Json.JsonConvert.PopulateObjectAsync(System.String,System.Object,Newtonsoft.Json.JsonSerializerSettings)",
        ];
        Assert.Superset(asyncMethods.ToHashSet(), removed);
        Assert.All(diff.Removed.Where(r => r.Type == "JsonConvert"), r => Assert.Contains("Async", r.Symbol));
        Assert.DoesNotContain(diff.Added, a => a.Symbol.Contains("JsonConvert.DeserializeObjectAsync"));
        Assert.True(diff.BreakingCount >= removed.Count);

        var before = MetadataSurface.Read(Path.Combine(await fixture.PackageFolderAsync("Newtonsoft.Json", "9.0.1"), diff.FromAsset, "Newtonsoft.Json.dll"));
        var after = MetadataSurface.Read(Path.Combine(await fixture.PackageFolderAsync("Newtonsoft.Json", "11.0.1"), diff.ToAsset, "Newtonsoft.Json.dll"));
        foreach (var name in new[] { "DeserializeObjectAsync", "SerializeObjectAsync", "PopulateObjectAsync" })
        {
            Assert.Contains($"Newtonsoft.Json.JsonConvert.{name}", before);
            Assert.DoesNotContain($"Newtonsoft.Json.JsonConvert.{name}", after);
        }
    }

    [Fact]
    public void Find_names_the_package_and_the_framework_that_define_a_name()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var find = new FindService(new IndexView(reader));
        var jsonConvert = find.Find(new FindRequest("jsonconvert"));
        var type = jsonConvert.Matches[0];
        Assert.Equal(("Newtonsoft.Json", "T:Newtonsoft.Json.JsonConvert"), (type.Package, type.Symbol));
        Assert.Equal(type.IndexedVersionCount, type.Versions.Count);

        var chunk = find.Find(new FindRequest("Enumerable.Chunk"));
        var framework = Assert.Single(chunk.Matches);
        Assert.Equal(".NET", framework.Package);
        Assert.Equal(["net6.0–net9.0"], framework.VersionRanges);

        var asyncMethods = find.Find(new FindRequest("DeserializeObjectAsync"));
        Assert.All(asyncMethods.Matches, m => Assert.Equal(["9.0.1"], m.Versions));
        Assert.False(asyncMethods.Matches[0].InNewest);
    }

    [Fact]
    public void An_unknown_member_names_the_closest_real_ones()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var result = History(reader).Query(new HistoryRequest("Newtonsoft.Json", "JsonConvert.DeserialiseObject"));
        Assert.Empty(result.Matches);
        Assert.Equal("JsonConvert.DeserializeObject", result.Suggestions[0]);
    }
}
