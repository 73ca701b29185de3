using System.CommandLine;

namespace ApiTruth.Cli.Commands;

/// <summary>Options shared by several commands; each command gets its own instance.</summary>
internal static class CommonOptions
{
    public static Option<string?> Index() => new("--index")
    {
        Description = "The index file (default: $APITRUTH_INDEX, else the user's local data folder).",
    };

    public static Option<string> Format(params string[] formats) => new Option<string>("--format")
    {
        Description = "Output format.",
        DefaultValueFactory = _ => formats[0],
    }.AcceptOnlyFromAmong(formats);
}
