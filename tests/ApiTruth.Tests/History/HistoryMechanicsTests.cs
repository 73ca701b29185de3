using System.Text.Json;
using ApiTruth.History;
using ApiTruth.History.Availability;
using ApiTruth.History.Index;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.History;

public sealed class HistoryMechanicsTests(SyntheticIndex index) : IClassFixture<SyntheticIndex>
{
    private HistoryService Service() => new(new IndexView(new IndexReader(index.Path)));

    [Fact]
    public void A_removed_member_gets_its_versions_assets_and_an_honest_conclusion()
    {
        var result = Service().Query(new HistoryRequest("acme.json", "Json.ParseAsync"));
        Assert.Equal("Acme.Json", result.Package);
        Assert.Equal("net6.0", result.Framework);
        Assert.Equal(["1.0.0", "2.0.0", "3.0.0", "5.0.0", "5.0.2"], result.IndexedVersions);
        var match = Assert.Single(result.Matches);
        Assert.Equal("M:Acme.Json.ParseAsync(System.String)", match.Symbol);
        Assert.Equal(
            [("1.0.0", ApiStatus.Absent, "lib/netstandard2.0"), ("2.0.0", ApiStatus.Present, "lib/net6.0"), ("3.0.0", ApiStatus.Obsolete, "lib/net6.0"),
             ("5.0.0", ApiStatus.Absent, "lib/net6.0"), ("5.0.2", ApiStatus.Absent, "lib/net6.0")],
            match.Versions.Select(v => (v.Version, v.Status, v.Asset)));
        Assert.Equal("Use Parse on a background thread.", match.Versions[2].ObsoleteMessage);
        Assert.Equal(("2.0.0", "3.0.0", "5.0.0"), (match.Introduced, match.LastPresent, match.RemovedIn));
        Assert.Equal(["(3.0.0, 5.0.0)", "(5.0.0, 5.0.2)"], match.NotIndexed.Select(g => g.Range));
        Assert.Equal("introduced in 2.0.0, obsolete since 3.0.0, last present in 3.0.0, absent from 5.0.0 on (versions 4.x not indexed)", match.Conclusion);
    }

    [Fact]
    public void Prereleases_count_only_when_asked_for()
    {
        var service = Service();
        var stable = service.Query(new HistoryRequest("Acme.Json", "Json.Beta"));
        Assert.Equal("absent from all 5 indexed versions (1.0.0 to 5.0.2) for net6.0", Assert.Single(stable.Matches).Conclusion);
        var withPrerelease = service.Query(new HistoryRequest("Acme.Json", "Json.Beta", IncludePrerelease: true));
        var match = Assert.Single(withPrerelease.Matches);
        Assert.Equal("2.1.0-beta1", match.Introduced);
        Assert.Equal("3.0.0", match.RemovedIn);
    }

    [Fact]
    public void An_explicit_framework_selects_older_assets_and_leaves_out_versions_without_one()
    {
        var result = Service().Query(new HistoryRequest("Acme.Json", "Json.Parse(string)", Framework: "net45"));
        Assert.Equal(["2.0.0", "3.0.0", "5.0.0", "5.0.2"], result.VersionsWithoutAsset);
        var match = Assert.Single(result.Matches);
        Assert.Equal([("1.0.0", "lib/net45")], match.Versions.Select(v => (v.Version, v.Asset!)));
        Assert.Throws<HistoryInputException>(() => Service().Query(new HistoryRequest("Acme.Json", "Json.Parse", Framework: "notaframework")));
    }

    [Fact]
    public void A_member_name_lists_each_overload_and_a_parameter_list_picks_one()
    {
        var service = Service();
        var all = service.Query(new HistoryRequest("Acme.Json", "Acme.Json.Parse"));
        Assert.Equal(["M:Acme.Json.Parse(System.String)", "M:Acme.Json.Parse(System.ReadOnlySpan{System.Char})"], all.Matches.Select(m => m.Symbol));
        var span = Assert.Single(service.Query(new HistoryRequest("Acme.Json", "Json.Parse(ReadOnlySpan<char>)")).Matches);
        Assert.Equal("introduced in 2.0.0, still present in 5.0.2 (newest indexed)", span.Conclusion);
        var byDocId = Assert.Single(service.Query(new HistoryRequest("Acme.Json", "M:Acme.Json.Parse(System.String)")).Matches);
        Assert.Equal("present since the first indexed version, 1.0.0, still present in 5.0.2 (newest indexed)", byDocId.Conclusion);
        var ctor = Assert.Single(service.Query(new HistoryRequest("Acme.Json", "new JsonReader()")).Matches);
        Assert.Equal("3.0.0", ctor.Introduced);
    }

    [Fact]
    public void A_type_query_and_a_case_insensitive_fallback_work()
    {
        var service = Service();
        var type = Assert.Single(service.Query(new HistoryRequest("Acme.Json", "JsonReader")).Matches);
        Assert.Equal("T:Acme.JsonReader", type.Symbol);
        var loose = service.Query(new HistoryRequest("Acme.Json", "json.parseasync"));
        Assert.True(loose.MatchedIgnoringCase);
        Assert.Equal("M:Acme.Json.ParseAsync(System.String)", Assert.Single(loose.Matches).Symbol);
    }

    [Fact]
    public void A_name_that_matches_nothing_lists_the_closest_names_and_no_table()
    {
        var result = Service().Query(new HistoryRequest("Acme.Json", "Json.ParseAsnc"));
        Assert.Empty(result.Matches);
        Assert.Equal("Json.ParseAsync", result.Suggestions[0]);
        var text = new StringWriter();
        HistoryTextWriter.Write(text, result);
        Assert.Contains("No API named 'Json.ParseAsnc'", text.ToString());
        Assert.Contains("Closest names: Json.ParseAsync", text.ToString());
        Assert.DoesNotContain("version  status", text.ToString());
    }

    [Fact]
    public void A_name_from_another_package_says_which_package_defines_it()
    {
        var result = Service().Query(new HistoryRequest("Acme.Json", "Policy.Hidden"));
        Assert.Empty(result.Matches);
        Assert.Equal(["Acme.Ref"], result.DefinedElsewhere);
    }

    [Fact]
    public void Ref_assemblies_win_over_lib_as_nuget_compiles()
    {
        var result = Service().Query(new HistoryRequest("Acme.Ref", "Policy.Hidden", Framework: "net8.0"));
        var match = Assert.Single(result.Matches);
        Assert.Equal(("1.0.0", ApiStatus.Absent, "ref/netstandard2.0"), (match.Versions[0].Version, match.Versions[0].Status, match.Versions[0].Asset));
        var all = Service().Query(new HistoryRequest("Acme.Ref", "Policy.Hidden", AllFrameworks: true));
        Assert.Equal([("lib/net6.0", ApiStatus.Present), ("ref/netstandard2.0", ApiStatus.Absent)],
            Assert.Single(all.Matches).Versions.Select(v => (v.Asset!, v.Status)));
    }

    [Fact]
    public void Framework_history_uses_monikers_as_versions_and_names_skipped_ones()
    {
        var result = Service().Query(new HistoryRequest(null, "Enumerable.Chunk"));
        Assert.Equal(".NET", result.Package);
        Assert.Null(result.Framework);
        var match = Assert.Single(result.Matches);
        Assert.Equal(["netstandard2.0", "net5.0", "net6.0", "net8.0"], match.Versions.Select(v => v.Version));
        Assert.Equal("net6.0", match.Introduced);
        Assert.Equal(["(netstandard2.0, net5.0)", "(net6.0, net8.0)"], match.NotIndexed.Select(g => g.Range));
        Assert.Equal("introduced in net6.0, still present in net8.0 (newest indexed)", match.Conclusion);
    }

    [Fact]
    public void Json_output_follows_the_contract()
    {
        var result = Service().Query(new HistoryRequest("Acme.Json", "Json.ParseAsync"));
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream)) HistoryJsonWriter.Write(json, result);
        using var document = JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement;
        Assert.Equal("Acme.Json", root.GetProperty("package").GetString());
        Assert.Equal("Json.ParseAsync", root.GetProperty("query").GetString());
        Assert.Equal("net6.0", root.GetProperty("framework").GetString());
        var match = root.GetProperty("matches")[0];
        Assert.Equal("M:Acme.Json.ParseAsync(System.String)", match.GetProperty("symbol").GetString());
        Assert.Equal("public static Task<object> Json.ParseAsync(string text)", match.GetProperty("display").GetString());
        var second = match.GetProperty("versions")[1];
        Assert.Equal(("2.0.0", "present", "lib/net6.0"),
            (second.GetProperty("version").GetString(), second.GetProperty("status").GetString(), second.GetProperty("asset").GetString()));
        Assert.Equal("obsolete", match.GetProperty("versions")[2].GetProperty("status").GetString());
        Assert.Equal("2.0.0", match.GetProperty("introduced").GetString());
        Assert.Equal("3.0.0", match.GetProperty("lastPresent").GetString());
        Assert.Equal("5.0.0", match.GetProperty("removedIn").GetString());
        Assert.Equal("(3.0.0, 5.0.0)", match.GetProperty("notIndexed")[0].GetString());
        Assert.Equal(0, root.GetProperty("suggestions").GetArrayLength());
    }

    [Fact]
    public void An_unknown_package_is_reported_with_similar_indexed_names()
    {
        var error = Assert.Throws<PackageNotIndexedException>(() => Service().Query(new HistoryRequest("Acme.Jsn", "Json.Parse")));
        Assert.Contains("Acme.Json", error.SimilarPackages);
    }
}
