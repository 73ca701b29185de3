using Dapper;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Opens the index file for writing: creates it, applies migrations, and sets WAL so readers never block the writer.
/// Readers open it through <see cref="IndexReader"/>, which checks the schema version itself.
/// </summary>
internal static class IndexDatabase
{
    public static SqliteConnection Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            // Small pages: the index is a few dozen blobs of tens to hundreds of KB, and each blob's last overflow page
            // is on average half empty. Only a new file takes the page size; an existing one keeps its own.
            connection.Execute("PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
            Migrate(connection);
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidDataException($"Cannot open the index {path}: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Migrate(SqliteConnection connection)
    {
        var version = (int)connection.ExecuteScalar<long>("PRAGMA user_version");
        if (version > Schema.Migrations.Count)
            throw new InvalidDataException($"The index has schema version {version}, newer than this ApiTruth ({Schema.Migrations.Count}).");
        for (var i = version; i < Schema.Migrations.Count; i++)
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(Schema.Migrations[i], transaction: transaction);
            connection.Execute($"PRAGMA user_version = {i + 1}", transaction: transaction);
            transaction.Commit();
        }
    }
}

internal sealed class IndexNotFoundException(string path) : Exception($"No index at {path}: run 'apitruth index' first.")
{
    public string IndexPath { get; } = path;
}
