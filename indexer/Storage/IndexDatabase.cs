using Dapper;
using Microsoft.Data.Sqlite;

namespace ApiTruth.Indexer.Storage;

/// <summary>Opens the index file: creates it, applies migrations, and sets WAL so readers never block the writer.</summary>
internal static class IndexDatabase
{
    public static SqliteConnection Open(string path, bool readOnly = false)
    {
        if (readOnly && !File.Exists(path))
            throw new IndexNotFoundException(path);
        if (!readOnly) Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            if (!readOnly)
            {
                // Small pages: the index is a few dozen blobs of tens to hundreds of KB, and each blob's last overflow page
                // is on average half empty. Only a new file takes the page size; an existing one keeps its own.
                connection.Execute("PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
                Migrate(connection);
            }
            else
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA user_version";
                var version = (long)command.ExecuteScalar()!;
                if (version > Schema.Migrations.Count)
                    throw new InvalidDataException($"The index {path} has schema version {version}, newer than this ApiTruth ({Schema.Migrations.Count}).");
                if (version < Schema.OldestReadable)
                    throw new InvalidDataException($"The index {path} has schema version {version}, older than this ApiTruth reads ({Schema.OldestReadable}); rebuild the index with 'apitruth index --force'.");
            }
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
