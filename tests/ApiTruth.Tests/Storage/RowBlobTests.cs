using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Tests.Storage;

/// <summary>Schema 3's blobs around the catalog: asset group texts, dependency lists, API sets stored against a base set.</summary>
public sealed class RowBlobTests
{
    private static ApiRecord Method(int i) =>
        new($"M:Ns.C.M{i:D3}", ApiKind.Method, ApiFlags.Static, $"static void M{i:D3}()", DeclaringType: "T:Ns.C", ReturnType: "System.Void");

    private static AssetGroupData Group(string path, IEnumerable<ApiRecord> apis, IReadOnlyList<string>? problems = null, IReadOnlyList<string>? notes = null) =>
        new(path, "lib", path.Split('/')[1], false, ["A.dll", "A.Extra.dll"], [.. apis], problems ?? [], notes);

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public void Asset_group_texts_and_dependencies_read_back_as_written_short_and_long()
    {
        using var temp = new TempIndex();
        var notes = Enumerable.Range(0, 200).Select(i => $"System.Private.Thing{i}.dll: not in the reference pack, forwarded types resolved by name").ToList();
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null,
                [Group("lib/net6.0", [Method(1)], notes: notes), Group("lib/netstandard2.0", [Method(1)], problems: ["B.dll: not a .NET assembly"])],
                [new("net6.0", "Dep", "[1.0.0, )"), new("net6.0", "Other", "[2.0.0, 3.0.0)"), new("netstandard2.0", "Dep", "[1.0.0, )")]));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [new("lib/net6.0", "lib", "net6.0", true, [], [], [])], []));
        }

        using var reader = new IndexReader(temp.FilePath);
        var versions = reader.GetVersions(reader.FindPackage("Pkg")!);
        var groups = reader.GetAssetGroups(versions[0].Id);
        Assert.Equal(["lib/net6.0", "lib/netstandard2.0"], groups.Select(g => g.Path));
        Assert.Equal(["A.dll", "A.Extra.dll"], groups[0].Assemblies);
        Assert.Equal(string.Join('\n', notes), groups[0].Notes);
        Assert.Null(groups[0].Problems);
        Assert.Equal("B.dll: not a .NET assembly", groups[1].Problems);
        Assert.Null(groups[1].Notes);
        Assert.Equal(
            [new("net6.0", "Dep", "[1.0.0, )"), new("net6.0", "Other", "[2.0.0, 3.0.0)"), new StoredDependency("netstandard2.0", "Dep", "[1.0.0, )")],
            reader.GetDependencies(versions[0].Id));

        var placeholder = Assert.Single(reader.GetAssetGroups(versions[1].Id));
        Assert.True(placeholder.IsPlaceholder);
        Assert.Empty(placeholder.Assemblies);
        Assert.Null(placeholder.ApiSetId);
        Assert.Empty(reader.GetDependencies(versions[1].Id));
        // The notes (16 KB of text) are stored compressed.
        Assert.True(Scalar(temp.FilePath, "SELECT MAX(length(texts)) FROM asset_group") < 2_000);
    }

    [Fact]
    public void An_api_set_close_to_an_earlier_one_is_stored_as_the_difference_and_reads_back_exactly()
    {
        using var temp = new TempIndex();
        var all = Enumerable.Range(0, 300).Select(Method).ToList();
        var withoutOne = all.Where((_, i) => i != 150).ToList();
        var withExtra = all.Append(Method(999)).ToList();
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", all), Group("lib/netstandard2.0", withoutOne)], []));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [Group("lib/net6.0", withExtra), Group("lib/netstandard2.0", all)], []));
        }

        Assert.Equal(3, Scalar(temp.FilePath, "SELECT COUNT(*) FROM api_set"));
        Assert.Equal(2, Scalar(temp.FilePath, "SELECT COUNT(*) FROM api_set WHERE base_id IS NOT NULL"));
        using var reader = new IndexReader(temp.FilePath);
        var package = reader.FindPackage("Pkg")!;
        var catalog = reader.GetCatalog(package);
        var versions = reader.GetVersions(package);
        string[] DocIds(StoredAssetGroup group) => [.. catalog.Resolve(reader.GetApiSet(group.ApiSetId!.Value)).Select(a => a.DocId).Order(StringComparer.Ordinal)];
        var v1 = reader.GetAssetGroups(versions[0].Id);
        var v2 = reader.GetAssetGroups(versions[1].Id);
        Assert.Equal(all.Select(a => a.DocId), DocIds(v1[0]));
        Assert.Equal(withoutOne.Select(a => a.DocId), DocIds(v1[1]));
        Assert.Equal(withExtra.Select(a => a.DocId), DocIds(v2[0]));
        Assert.Equal(v1[0].ApiSetId, v2[1].ApiSetId);
    }

    [Fact]
    public void Deleting_unused_api_sets_keeps_the_base_of_a_set_in_use()
    {
        using var temp = new TempIndex();
        var all = Enumerable.Range(0, 300).Select(Method).ToList();
        var withoutOne = all.Where((_, i) => i != 7).ToList();
        using (var writer = new IndexWriter(temp.FilePath))
        {
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", all)], []));
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [Group("lib/net6.0", withoutOne)], []));
            // 1.0.0's set is now used by no group, but 2.0.0's set is stored against it.
            writer.WriteVersion(new("Pkg", PackageKind.Package, "1.0.0", null, [Group("lib/net6.0", all.Take(3))], []));
            Assert.Equal(0, writer.DeleteUnusedApiSets());

            using (var reader = new IndexReader(temp.FilePath))
            {
                var package = reader.FindPackage("Pkg")!;
                var v2 = reader.GetAssetGroups(reader.GetVersions(package)[1].Id).Single();
                Assert.Equal(withoutOne.Select(a => a.DocId),
                    reader.GetCatalog(package).Resolve(reader.GetApiSet(v2.ApiSetId!.Value)).Select(a => a.DocId).Order(StringComparer.Ordinal));
            }

            // Once 2.0.0 no longer uses its set, both it and its base go.
            writer.WriteVersion(new("Pkg", PackageKind.Package, "2.0.0", null, [Group("lib/net6.0", all.Take(3))], []));
            Assert.Equal(2, writer.DeleteUnusedApiSets());
        }
        Assert.Equal(1, Scalar(temp.FilePath, "SELECT COUNT(*) FROM api_set"));
    }
}
