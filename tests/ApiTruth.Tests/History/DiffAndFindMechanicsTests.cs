using ApiTruth.History;
using ApiTruth.History.Availability;
using ApiTruth.History.Diff;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.History;

public sealed class DiffAndFindMechanicsTests(SyntheticIndex index) : IClassFixture<SyntheticIndex>
{
    [Fact]
    public void A_diff_lists_added_removed_and_changed_facts_with_breaking_marks()
    {
        using var reader = new IndexReader(index.Path);
        var service = new DiffService(new IndexView(reader));
        var diff = service.Diff(new DiffRequest("Acme.Json", "2.0.0", "3.0.0"));
        Assert.Equal(("net6.0", "lib/net6.0", "lib/net6.0"), (diff.Framework, diff.FromAsset, diff.ToAsset));
        Assert.Equal(["T:Acme.JsonReader", "M:Acme.JsonReader.#ctor"], diff.Added.Select(a => a.Symbol));
        Assert.Empty(diff.Removed);
        var changes = diff.Changed.ToDictionary(c => c.Api.Symbol);
        var obsolete = Assert.Single(changes["M:Acme.Json.ParseAsync(System.String)"].Changes);
        Assert.Equal(("obsolete-added", false), (obsolete.Kind, obsolete.Breaking));
        var load = changes["M:Acme.Json.Load(System.String,System.Boolean)"];
        Assert.True(load.IsBreaking);
        Assert.Equal(["return-type", "parameter-default"], load.Changes.Select(c => c.Kind));
        Assert.Equal("type object → string", load.Changes[0].Description);
        Assert.Equal(1, diff.BreakingCount);

        var breaking = service.Diff(new DiffRequest("Acme.Json", "3.0.0", "5.0.0", BreakingOnly: true));
        Assert.Empty(breaking.Added);
        Assert.Equal(["M:Acme.Json.ParseAsync(System.String)"], breaking.Removed.Select(r => r.Symbol));
        Assert.Equal(("Acme", "Json"), (breaking.Removed[0].Namespace, breaking.Removed[0].Type));

        var text = new StringWriter();
        DiffTextWriter.Write(text, diff);
        Assert.Contains("+ public class JsonReader (1 member)", text.ToString());
        Assert.Contains("[breaking]", text.ToString());
    }

    [Fact]
    public void A_diff_of_a_version_that_is_not_indexed_says_which_are()
    {
        using var reader = new IndexReader(index.Path);
        var service = new DiffService(new IndexView(reader));
        var missing = Assert.Throws<VersionNotIndexedException>(() => service.Diff(new DiffRequest("Acme.Json", "4.0.0", "5.0.0")));
        Assert.Contains("indexed: 1.0.0, 2.0.0", missing.Message);
        var failed = Assert.Throws<VersionNotIndexedException>(() => service.Diff(new DiffRequest("Acme.Json", "5.0.1", "5.0.2")));
        Assert.Contains("failed: corrupt nupkg", failed.Message);
        Assert.Equal("Json", service.Diff(new DiffRequest("Acme.Json", "2.0", "3.0")).Changed[0].Api.Type);
    }

    [Fact]
    public void Find_ranks_types_first_narrows_by_type_and_skips_prerelease_only_apis()
    {
        using var reader = new IndexReader(index.Path);
        var find = new FindService(new IndexView(reader));
        var parse = find.Find(new FindRequest("PARSE"));
        Assert.Equal(2, parse.Total);
        Assert.All(parse.Matches, m => Assert.False(m.ExactCase));
        Assert.Equal(["1.0.0–5.0.2"], parse.Matches.Single(m => m.Symbol == "M:Acme.Json.Parse(System.String)").VersionRanges);

        Assert.Empty(find.Find(new FindRequest("Json.Beta")).Matches);
        Assert.Equal(["2.1.0-beta1"], Assert.Single(find.Find(new FindRequest("Json.Beta", IncludePrerelease: true)).Matches).Versions);

        var policy = find.Find(new FindRequest("Policy"));
        Assert.Equal("T:Acme.Policy", policy.Matches[0].Symbol);
        Assert.Empty(find.Find(new FindRequest("Reader.Parse")).Matches);

        var none = find.Find(new FindRequest("Polcy"));
        Assert.Equal(0, none.Total);
        Assert.Contains("Policy", none.Suggestions);
    }

    [Fact]
    public void A_conclusion_names_every_removal_and_return()
    {
        var timeline = new[] { ("1.0", ApiStatus.Present), ("2.0", ApiStatus.Absent), ("3.0", ApiStatus.Obsolete), ("4.0", ApiStatus.Present) };
        var conclusion = Conclusion.From(timeline, [], null);
        Assert.Equal("present since the first indexed version, 1.0, removed in 2.0, back in 3.0, obsolete since 3.0, no longer obsolete from 4.0, still present in 4.0 (newest indexed)",
            conclusion.Text);
        Assert.Equal(("1.0", "4.0", (string?)null), (conclusion.Introduced, conclusion.LastPresent, conclusion.RemovedIn));
    }
}
