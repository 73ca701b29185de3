using System.CommandLine;
using ApiTruth.Cli.Commands;

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
        return await parse.InvokeAsync().ConfigureAwait(false);
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
