using System.Runtime.InteropServices;

namespace ApiTruth.Indexer.Storage;

/// <summary>One prepared statement of a <see cref="SqliteReadConnection"/>: bind, read rows, read columns by ordinal.</summary>
internal sealed class SqliteQuery : IDisposable
{
    private readonly SqliteReadConnection _connection;
    private nint _statement;

    internal SqliteQuery(SqliteReadConnection connection, nint statement)
    {
        _connection = connection;
        _statement = statement;
    }

    /// <summary>Binds the 1-based parameter <paramref name="index"/>.</summary>
    public SqliteQuery Bind(int index, long value)
    {
        Check(SqliteNative.BindInt64(_statement, index, value));
        return this;
    }

    public SqliteQuery Bind(int index, string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        var text = Marshal.StringToCoTaskMemUTF8(value);
        try
        {
            Check(SqliteNative.BindText(_statement, index, text, bytes, SqliteNative.Transient));
        }
        finally
        {
            Marshal.FreeCoTaskMem(text);
        }
        return this;
    }

    /// <summary>Steps to the next row; false after the last.</summary>
    public bool Read()
    {
        var result = SqliteNative.Step(_statement);
        if (result == SqliteNative.Row) return true;
        if (result == SqliteNative.Done) return false;
        throw _connection.Error(result);
    }

    public bool IsNull(int column) => SqliteNative.ColumnType(_statement, column) == SqliteNative.NullType;

    public long Int64(int column) => SqliteNative.ColumnInt64(_statement, column);

    public long? Int64OrNull(int column) => IsNull(column) ? null : Int64(column);

    public string Text(int column) => TextOrNull(column) ?? throw Null(column);

    public string? TextOrNull(int column)
    {
        if (IsNull(column)) return null;
        var text = SqliteNative.ColumnText(_statement, column);
        var length = SqliteNative.ColumnBytes(_statement, column);
        return text == 0 ? "" : Marshal.PtrToStringUTF8(text, length);
    }

    public byte[] Blob(int column) => BlobOrNull(column) ?? throw Null(column);

    public byte[]? BlobOrNull(int column)
    {
        if (IsNull(column)) return null;
        var blob = SqliteNative.ColumnBlob(_statement, column);
        var length = SqliteNative.ColumnBytes(_statement, column);
        var bytes = new byte[length];
        if (length > 0) Marshal.Copy(blob, bytes, 0, length);
        return bytes;
    }

    public void Dispose()
    {
        if (_statement == 0) return;
        SqliteNative.Finalize(_statement);
        _statement = 0;
    }

    private void Check(int result)
    {
        if (result != SqliteNative.Ok) throw _connection.Error(result);
    }

    private InvalidDataException Null(int column) =>
        new($"Cannot read the index {_connection.Path}: column {column} is unexpectedly empty; re-create it with 'apitruth index --force'.");
}
