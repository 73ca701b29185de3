using Microsoft.Data.Sqlite;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Cli;

/// <summary>
/// First-use costs of the libraries an index query needs (SQLite's provider and P/Invoke stubs, NuGet.Frameworks'
/// tables), paid on a second core while the main thread parses the command line and opens the index. Nothing here
/// changes a result: it only runs the same initialization earlier, and a failure is left to the real use to report.
/// </summary>
internal static class StartupWarmup
{
    private static readonly string[] IndexCommands = ["history", "find", "diff", "versions"];

    /// <summary>Starts the warm-up for commands that read the index; does nothing for the others.</summary>
    public static void Start(string? command)
    {
        if (command is null || !IndexCommands.Contains(command)) return;
        if (Environment.ProcessorCount < 2) return; // on one core it would only take turns with the real work
        _ = Task.Run(WarmIndexReading);
    }

    private static void WarmIndexReading()
    {
        try
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT $p, 'x', x'00'";
            command.Parameters.AddWithValue("$p", 1L);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                _ = reader.GetInt64(0);
                _ = reader.GetString(1);
                _ = reader.GetValue(2);
                _ = reader.IsDBNull(0);
            }
            var target = NuGetFramework.Parse("net8.0");
            _ = new FrameworkReducer().GetNearest(target, [NuGetFramework.Parse("netstandard2.0"), NuGetFramework.Parse("net6.0")]);
            _ = target.GetShortFolderName();
            _ = NuGetVersion.Parse("1.0.0-beta.1").CompareTo(NuGetVersion.Parse("1.0.0"));
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            // The real use reports whatever is wrong with SQLite here, with its own message.
        }
    }
}
