using ApiTruth.History.Index;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.History;

namespace ApiTruth.Tests.Storage;

[Collection(RealIndexCollection.Name)]
public sealed class CatalogLookupTests(RealIndexFixture fixture)
{
    [Fact]
    public void Looking_up_every_name_finds_exactly_what_the_full_decode_has()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        foreach (var package in reader.GetPackages())
        {
            // The names list leaves out constructors and finalizers (nobody calls them by name); ask for those too.
            var names = reader.GetNames(package).Concat(["#ctor", "#cctor", "Finalize"]).ToList();
            var found = reader.FindNamed(package, names);
            var expected = reader.GetCatalog(package).All
                .Where(v => !(CatalogNameIndex.LastName(v.Api.DocId) is var n && n.Contains('#') && !n.StartsWith('#')))
                .ToList();
            Assert.True(expected.Count > 100, package.Name);
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void A_lookup_of_one_name_returns_only_that_names_variants()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        var package = reader.FindPackage(".NET")!;
        var apis = new PackageApis(reader, package);
        var ids = apis.DocIdsNamed("chunk");
        Assert.Contains("M:System.Linq.Enumerable.Chunk``1(System.Collections.Generic.IEnumerable{``0},System.Int32)", ids);
        Assert.All(ids, id => Assert.Equal("Chunk", CatalogNameIndex.LastName(id)));
        var full = reader.GetCatalog(package);
        foreach (var id in ids)
            Assert.Equal(full.Find(id).OrderBy(v => v.Id), apis.Variants(id));
    }
}
