using System.CommandLine;
using ApiTruth.Cli.Commands;
using ApiTruth.Cli.HandOff;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (FullCliHandOff.NeedsFullCli(args)) return FullCliProcess.Exec(args, null, Console.Error);
        StartupWarmup.Start(args);
        var root = BuildRoot(args.Length > 0 ? args[0] : null);
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
        catch (Exception e) when (HandOffException.Find(e) is { } handOff)
        {
            if (Environment.GetEnvironmentVariable("APITRUTH_TRACE") is { Length: > 0 }) Console.Error.WriteLine($"apitruth: {handOff.Message}");
            return FullCliProcess.Exec(args, handOff.Stdin, Console.Error);
        }
        catch (Exception e) when (e is IndexNotFoundException or InvalidDataException || SqliteErrors.Is(e))
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

    private static readonly (string Name, Func<Command> Create)[] Subcommands =
    [
        ("index", IndexCommand.Create),
        ("versions", VersionsCommand.Create),
        ("check", () => CheckCommand.Create()),
        ("history", HistoryCommand.Create),
        ("diff", DiffCommand.Create),
        ("find", FindCommand.Create),
        ("hook", HookCommand.Create),
    ];

    /// <param name="first">The first argument: when it names a subcommand, only that one is built (a one-shot query
    /// should not pay for every other command's options); otherwise all are, for help, --version and errors.</param>
    internal static RootCommand BuildRoot(string? first = null)
    {
        var root = new RootCommand("ApiTruth: does this API exist in the version you actually use?");
        var named = Array.FindIndex(Subcommands, s => s.Name == first);
        foreach (var (_, create) in named >= 0 ? [Subcommands[named]] : Subcommands)
            root.Subcommands.Add(create());
        return root;
    }
}
