using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.History;

namespace ApiTruth.Tests.Storage;

public sealed class IndexReaderTests(SyntheticIndex index) : IClassFixture<SyntheticIndex>
{
    [Fact]
    public void A_file_that_is_not_an_index_is_a_one_line_error_naming_it()
    {
        using var temp = new TempIndex();
        File.WriteAllText(temp.FilePath, string.Concat(Enumerable.Repeat("this is a text file, not an SQLite database\n", 200)));
        var error = Assert.Throws<InvalidDataException>(() => new IndexReader(temp.FilePath));
        Assert.Contains(temp.FilePath, error.Message);
        Assert.Contains("not a database", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_file_says_to_index_first_and_creates_nothing()
    {
        using var temp = new TempIndex();
        var error = Assert.Throws<IndexNotFoundException>(() => new IndexReader(temp.FilePath));
        Assert.Equal(temp.FilePath, error.IndexPath);
        Assert.Contains("run 'apitruth index' first", error.Message);
        Assert.False(File.Exists(temp.FilePath));
    }

    [Fact]
    public void Rows_come_back_with_their_texts_nulls_and_blobs()
    {
        using var reader = new IndexReader(index.Path);
        Assert.Null(reader.FindPackage("No.Such.Package"));
        var package = reader.FindPackage("acme.json")!; // names compare without case, as the schema says
        Assert.Equal(("Acme.Json", PackageKind.Package), (package.Name, package.Kind));
        var versions = reader.GetVersions(package);
        Assert.Equal(["1.0.0", "2.0.0", "2.1.0-beta1", "3.0.0", "5.0.0", "5.0.1", "5.0.2"], versions.Select(v => v.Version));
        var failed = versions.Single(v => v.Version == "5.0.1");
        Assert.Equal(("failed", "corrupt nupkg", 0, false), (failed.Status, failed.Reason, failed.ApiCount, failed.IsIndexed));
        Assert.Null(versions[0].Reason);
        var groups = reader.GetAssetGroups(versions.Single(v => v.Version == "2.0.0").Id);
        Assert.Equal(["lib/net6.0", "lib/netstandard2.0"], groups.Select(g => g.Path));
        Assert.All(groups, g => Assert.NotNull(g.ApiSetId));
        Assert.Equal(5, reader.GetApiSet(groups[0].ApiSetId!.Value).Length); // Json, Parse, Parse(span), ParseAsync, Load
    }

    [Fact]
    public void One_reader_shared_by_threads_decodes_each_blob_once_and_answers_each_the_same()
    {
        using var reader = new IndexReader(index.Path);
        var package = reader.FindPackage("Acme.Json")!;
        var answers = new (PackageCatalog Catalog, string[] Names, int Found)[8];
        using var start = new Barrier(answers.Length);
        var threads = Enumerable.Range(0, answers.Length).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            answers[i] = (reader.GetCatalog(package), reader.GetNames(package), reader.FindNamed(package, ["Parse", "Load"]).Count);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(answers, a => Assert.Same(answers[0].Catalog, a.Catalog));
        Assert.All(answers, a => Assert.Same(answers[0].Names, a.Names));
        Assert.All(answers, a => Assert.Equal(answers[0].Found, a.Found));
        Assert.Contains("ParseAsync", answers[0].Names);
        // Parse(string), Parse(span), and Load in its two variants (its return type and default changed in 3.0.0).
        Assert.Equal(4, answers[0].Found);
    }
}
