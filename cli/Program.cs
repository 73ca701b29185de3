using System.CommandLine;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("ApiTruth: does this API exist in the version you actually use?");
        root.Subcommands.Add(CheckCommand.Create());
        return root.Parse(args).Invoke();
    }
}
