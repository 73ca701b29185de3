using ApiTruth.History.Index;
using ApiTruth.Indexer.Storage;
using Dapper;

namespace ApiTruth.Tests.History;

[Collection(RealIndexCollection.Name)]
public sealed class CatalogScannerTests(RealIndexFixture fixture)
{
    [Fact]
    public void Scanning_for_every_name_reads_exactly_what_the_codec_decodes()
    {
        using var reader = new IndexReader(fixture.IndexPath);
        using var connection = IndexDatabase.Open(fixture.IndexPath, readOnly: true);
        foreach (var package in reader.GetPackages())
        {
            var segments = connection.Query<(long First, byte[] Data)>(
                    "SELECT first_variant, data FROM catalog_segment WHERE package_id = @id ORDER BY first_variant", new { id = package.Id })
                .Select(s => ((int)s.First, Compression.Decompress(s.Data))).ToList();
            // The names list leaves out constructors and finalizers (nobody calls them by name); ask for those too.
            var names = reader.GetNames(package).Concat(["#ctor", "#cctor", "Finalize"]).ToList();
            var scanned = CatalogScanner.Scan(segments, names);
            var expected = reader.GetCatalog(package).All
                .Where(v => !(CatalogNameIndex.LastName(v.Api.DocId) is var n && n.Contains('#') && !n.StartsWith('#')))
                .ToList();
            Assert.True(expected.Count > 100, package.Name);
            Assert.Equal(expected, scanned);
        }
    }

    [Fact]
    public void A_scan_for_one_name_returns_only_that_names_variants()
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
