using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.Storage;

public sealed class IndexStorageTests
{
    private static ApiRecord Method(string docId, string? obsolete = null) =>
        new(docId, ApiKind.Method, ApiFlags.Static | (obsolete is null ? ApiFlags.None : ApiFlags.Obsolete), DocIds.SimpleName(docId) + "()",
            DeclaringType: DocIds.ContainingType(docId), ReturnType: "System.String",
            Parameters: [new ApiParameter("value", "System.String", IsOptional: true, DefaultValue: "null")],
            ObsoleteMessage: obsolete);

    private static AssetGroupData Group(string path, params ApiRecord[] apis) =>
        new(path, "lib", path.Split('/')[1], false, ["A.dll"], apis, []);

    [Fact]
    public void Versions_sharing_apis_store_each_variant_once_and_share_identical_api_sets()
    {
        using var temp = new TempIndex();
        var type = new ApiRecord("T:Ns.Json", ApiKind.Class, ApiFlags.Static, "static class Json", BaseType: "T:System.Object");
        var a = Method("M:Ns.Json.Parse(System.String)");
        var b = Method("M:Ns.Json.ParseAsync(System.String)");
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", type, a, b)], [new("net6.0", "Dep", "[1.0.0, )")]));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [Group("lib/net6.0", type, a, b)], []));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "10.0.0", null, [Group("lib/net6.0", type, a)], []));
        }

        using var reader = new IndexReader(temp.FilePath);
        var package = reader.FindPackage("pkg")!;
        Assert.Equal("Pkg", package.Name);
        var versions = reader.GetVersions(package);
        Assert.Equal(["1.0.0", "2.0.0", "10.0.0"], versions.Select(v => v.Version));
        Assert.Equal([3, 3, 2], versions.Select(v => v.ApiCount));
        Assert.Equal(3, reader.GetCatalog(package).Count);

        var groups = versions.Select(v => reader.GetAssetGroups(v.Id).Single()).ToList();
        Assert.Equal(groups[0].ApiSetId, groups[1].ApiSetId);
        Assert.NotEqual(groups[0].ApiSetId, groups[2].ApiSetId);

        var catalog = reader.GetCatalog(package);
        var latest = catalog.Resolve(reader.GetApiSet(groups[2].ApiSetId!.Value)).Select(r => r.DocId).ToList();
        Assert.Equal(["M:Ns.Json.Parse(System.String)", "T:Ns.Json"], latest.Order(StringComparer.Ordinal));
        Assert.Equal(a, catalog.Find(a.DocId).Single().Api);
        Assert.Equal(new StoredDependency("net6.0", "Dep", "[1.0.0, )"), reader.GetDependencies(versions[0].Id).Single());
        Assert.Equal(["Json", "Parse", "ParseAsync"], reader.GetNames(package));
    }

    [Fact]
    public void A_changed_fact_is_a_new_variant_of_the_same_doc_id()
    {
        using var temp = new TempIndex();
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", Method("M:Ns.C.M"))], []));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [Group("lib/net6.0", Method("M:Ns.C.M", obsolete: "Use N"))], []));
        }
        using var reader = new IndexReader(temp.FilePath);
        var variants = reader.GetCatalog(reader.FindPackage("Pkg")!).Find("M:Ns.C.M").ToList();
        Assert.Equal(2, variants.Count);
        Assert.Equal([null, "Use N"], variants.Select(v => v.Api.ObsoleteMessage));
    }

    [Fact]
    public void Rewriting_a_version_replaces_it_and_a_failure_is_recorded_with_its_reason()
    {
        using var temp = new TempIndex();
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.RecordFailure("Pkg", PackageKind.Package, "1.0.0", "failed", "corrupt nupkg: End of Central Directory record could not be found");
            Assert.Equal("failed", writer.GetStatus("Pkg", "1.0.0"));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", Method("M:Ns.C.M"))], []));
            Assert.Equal("indexed", writer.GetStatus("Pkg", "1.0.0"));
            writer.RecordFailure("Pkg", PackageKind.Package, "3.0.0", "not-served", "the feed does not serve Pkg 3.0.0");
        }
        using var reader = new IndexReader(temp.FilePath);
        var versions = reader.GetVersions(reader.FindPackage("Pkg")!);
        Assert.Equal([("1.0.0", "indexed"), ("3.0.0", "not-served")], versions.Select(v => (v.Version, v.Status)));
        Assert.Equal("the feed does not serve Pkg 3.0.0", versions[1].Reason);
    }

    [Fact]
    public void Framework_monikers_order_netstandard_first_then_by_version()
    {
        string[] monikers = ["net10.0", "net8.0", "netstandard2.1", "net5.0", "netstandard2.0", "net9.0"];
        var ordered = monikers.Order(VersionOrder.Comparer(PackageKind.Framework));
        Assert.Equal(["netstandard2.0", "netstandard2.1", "net5.0", "net8.0", "net9.0", "net10.0"], ordered);
        Assert.True(VersionOrder.CompareVersions("12.0.3-beta1", "12.0.3") < 0);
        Assert.True(VersionOrder.CompareVersions("9.0.1", "11.0.1") < 0);
    }

    [Fact]
    public void Catalog_segments_round_trip_facts_that_the_doc_id_spells_and_those_it_does_not()
    {
        ApiRecord[] records =
        [
            new("M:Ns.C.M(System.Collections.Generic.Dictionary{System.String,System.Int32[]},System.Int32@)", ApiKind.Method, ApiFlags.None, "C.M(...)",
                DeclaringType: "T:Ns.C",
                Parameters: [new("map", "System.Collections.Generic.Dictionary{System.String,System.Int32[]}"), new("count", "System.Int32@", ParameterModifier.Out)]),
            // Facts that disagree with the doc ID's spelling must survive as written.
            new("M:Ns.C.N(System.String)", ApiKind.Method, ApiFlags.ExtensionBlockMember, "C.N(string)",
                DeclaringType: "T:Ns.Other", Parameters: [new("s", "System.Object")]),
            new("T:Ns.C", ApiKind.Class, ApiFlags.None, "class C", BaseType: "T:System.Object", Interfaces: ["T:System.IDisposable"]),
        ];
        var sorted = CatalogCodec.InStorageOrder(records);
        Assert.Equal(sorted, CatalogRoundTrip.Decode(sorted));
        Assert.Equal(["System.Collections.Generic.Dictionary{System.String,System.Int32[]}", "System.Int32@"],
            DocIds.ParameterTypes(records[0].DocId));
        Assert.Empty(DocIds.ParameterTypes("M:Ns.C.#ctor"));
    }
}
