using System.Runtime.InteropServices;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A read-only connection to an index file over <see cref="SqliteNative"/>. Not thread-safe: the reader serializes its
/// queries. Any SQLite error (a corrupt or foreign file, an I/O error) becomes an <see cref="InvalidDataException"/>
/// with one line naming the file, which every command reports as bad input.
/// </summary>
internal sealed class SqliteReadConnection : IDisposable
{
    private readonly DatabaseHandle _database;

    private SqliteReadConnection(string path, DatabaseHandle database)
    {
        Path = path;
        _database = database;
    }

    public string Path { get; }

    public static SqliteReadConnection Open(string path)
    {
        var database = new DatabaseHandle();
        var fileName = Marshal.StringToCoTaskMemUTF8(path);
        var slot = Marshal.AllocHGlobal(IntPtr.Size);
        try
        {
            Marshal.WriteIntPtr(slot, 0);
            var result = SqliteNative.Open(fileName, slot, SqliteNative.OpenReadOnly, 0);
            // SQLite hands out a handle even when the open fails (it carries the error message); it must be closed either way.
            database.Adopt(Marshal.ReadIntPtr(slot));
            if (result != SqliteNative.Ok)
                throw new InvalidDataException($"Cannot open the index {path}: {Message(database.Value, result)}.");
            // The same patience Microsoft.Data.Sqlite's default timeout gave: a writer checkpointing holds a lock briefly.
            SqliteNative.BusyTimeout(database.Value, 30_000);
            return new SqliteReadConnection(path, database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
        finally
        {
            Marshal.FreeHGlobal(slot);
            Marshal.FreeCoTaskMem(fileName);
        }
    }

    /// <summary>A prepared statement; bind its <c>?</c> parameters, then <see cref="SqliteQuery.Read"/> its rows.</summary>
    public SqliteQuery Query(string sql)
    {
        var text = Marshal.StringToCoTaskMemUTF8(sql);
        var slot = Marshal.AllocHGlobal(IntPtr.Size);
        try
        {
            Marshal.WriteIntPtr(slot, 0);
            var result = SqliteNative.Prepare(_database.Value, text, -1, slot, 0);
            var statement = Marshal.ReadIntPtr(slot);
            if (result != SqliteNative.Ok)
            {
                if (statement != 0) SqliteNative.Finalize(statement);
                throw Error(result);
            }
            return new SqliteQuery(this, statement);
        }
        finally
        {
            Marshal.FreeHGlobal(slot);
            Marshal.FreeCoTaskMem(text);
        }
    }

    /// <summary>The first column of the first row of a query without parameters (a pragma).</summary>
    public long ScalarInt64(string sql)
    {
        using var query = Query(sql);
        if (!query.Read()) throw new InvalidDataException($"Cannot read the index {Path}: '{sql}' returned no row.");
        return query.Int64(0);
    }

    internal InvalidDataException Error(int result) =>
        new($"Cannot read the index {Path}: {Message(_database.Value, result)}; re-create it with 'apitruth index --force'.");

    private static string Message(nint database, int result)
    {
        var text = database != 0 ? SqliteNative.ErrorMessage(database) : SqliteNative.ErrorString(result);
        var message = Marshal.PtrToStringUTF8(text) ?? "unknown error";
        return $"{message} (SQLite error {result})";
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Owns the native connection, so that a reader nobody disposed still closes its file when collected.</summary>
    private sealed class DatabaseHandle() : SafeHandle(0, ownsHandle: true)
    {
        public override bool IsInvalid => handle == 0;

        public nint Value => handle;

        public void Adopt(nint database) => SetHandle(database);

        protected override bool ReleaseHandle() => SqliteNative.Close(handle) == SqliteNative.Ok;
    }
}
