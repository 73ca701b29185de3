using System.Runtime.InteropServices;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// The few SQLite C functions the index reader calls, bound directly to the e_sqlite3 library that Microsoft.Data.Sqlite
/// ships (SQLitePCLRaw.lib.e_sqlite3). Every parameter and result is a pointer-sized or integral value, so no marshalling
/// stub is needed and ReadyToRun precompiles the calls: SQLitePCLRaw's own bindings take SafeHandles and strings, whose
/// stubs are JIT-compiled in every process, and Microsoft.Data.Sqlite loads System.Data.Common, TypeConverter and Regex
/// before the first query. A one-shot <c>apitruth history</c> paid tens of milliseconds for that; the writer keeps
/// Microsoft.Data.Sqlite.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    public const int Ok = 0;
    public const int Row = 100;
    public const int Done = 101;
    public const int NullType = 5;
    public const int OpenReadOnly = 0x00000001;

    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the call returns.</summary>
    public static readonly nint Transient = -1;

    [DllImport(Library, EntryPoint = "sqlite3_open_v2", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int Open(nint utf8FileName, nint databaseOut, int flags, nint vfs);

    [DllImport(Library, EntryPoint = "sqlite3_close_v2", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int Close(nint database);

    [DllImport(Library, EntryPoint = "sqlite3_busy_timeout", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int BusyTimeout(nint database, int milliseconds);

    [DllImport(Library, EntryPoint = "sqlite3_errmsg", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint ErrorMessage(nint database);

    [DllImport(Library, EntryPoint = "sqlite3_errstr", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint ErrorString(int code);

    [DllImport(Library, EntryPoint = "sqlite3_prepare_v2", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int Prepare(nint database, nint utf8Sql, int byteCount, nint statementOut, nint tailOut);

    [DllImport(Library, EntryPoint = "sqlite3_finalize", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int Finalize(nint statement);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int BindInt64(nint statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_text", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int BindText(nint statement, int index, nint utf8, int byteCount, nint destructor);

    [DllImport(Library, EntryPoint = "sqlite3_step", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int Step(nint statement);

    [DllImport(Library, EntryPoint = "sqlite3_column_type", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int ColumnType(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_int64", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern long ColumnInt64(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_text", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint ColumnText(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_blob", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern nint ColumnBlob(nint statement, int column);

    [DllImport(Library, EntryPoint = "sqlite3_column_bytes", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    public static extern int ColumnBytes(nint statement, int column);
}
