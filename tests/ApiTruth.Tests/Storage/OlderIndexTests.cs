using ApiTruth.Indexer.Storage;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Tests.Storage;

public sealed class OlderIndexTests
{
    // An index as the previous ApiTruth left it: schema 1 (catalog format 2), one indexed version.
    private static void WriteSchemaOne(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema.Migrations[0] + """
            INSERT INTO package (name, kind) VALUES ('Dapper', 'package');
            INSERT INTO package_version (package_id, version, status, api_count, indexed_at) VALUES (1, '2.1.66', 'indexed', 3, '2025-01-01T00:00:00Z');
            PRAGMA user_version = 1;
            """;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_reader_of_an_older_index_says_to_rebuild_it()
    {
        using var temp = new TempIndex();
        WriteSchemaOne(temp.FilePath);
        var error = Assert.Throws<InvalidDataException>(() => new IndexReader(temp.FilePath));
        Assert.Contains("rebuild the index with 'apitruth index --force'", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_writer_drops_an_older_index_data_so_indexing_rebuilds_it()
    {
        using var temp = new TempIndex();
        WriteSchemaOne(temp.FilePath);
        using (var writer = new IndexWriter(temp.FilePath))
            Assert.Null(writer.GetStatus("Dapper", "2.1.66"));
        using var reader = new IndexReader(temp.FilePath);
        var package = Assert.Single(reader.GetPackages());
        Assert.Empty(reader.GetVersions(package));
        Assert.Empty(reader.GetNames(package));
    }
}
