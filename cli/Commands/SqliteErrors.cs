namespace ApiTruth.Cli.Commands;

/// <summary>Recognizes Microsoft.Data.Sqlite's exceptions, which only the index writer (indexing on demand) throws now.</summary>
internal static class SqliteErrors
{
    // A method of its own: a method that names SqliteException in a catch clause or filter loads Microsoft.Data.Sqlite and
    // System.Data.Common when it is entered, before anything is thrown, and every query command would pay for that.
    public static bool Is(Exception e) => e is Microsoft.Data.Sqlite.SqliteException;
}
