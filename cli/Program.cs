using System.CommandLine;
using ApiTruth.Cli.Commands;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Usage errors exit 2 with one line, as the design's contract says (System.CommandLine would exit 1).
            foreach (var error in parse.Errors) Console.Error.WriteLine($"apitruth: {error.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IndexNotFoundException or InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
        {
            // An index that is missing, corrupt, or written by another ApiTruth is bad input, not a crash.
            Console.Error.WriteLine($"apitruth: the index cannot be read: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("apitruth: interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"apitruth: internal error ({e.GetType().Name}): {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return ExitCodes.InternalError;
        }
    }

    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand("ApiTruth: does this API exist in the version you actually use?");
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(VersionsCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(DiffCommand.Create());
        root.Subcommands.Add(FindCommand.Create());
        root.Subcommands.Add(HookCommand.Create());
        return root;
    }
}
