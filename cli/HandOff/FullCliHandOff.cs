using System.Runtime.CompilerServices;

namespace ApiTruth.Cli.HandOff;

/// <summary>
/// Whether this process is the native front of ApiTruth, and where the full CLI it hands work to is.
/// <c>make publish</c> builds this CLI twice: ahead of time (NativeAOT: no JIT, so it starts in milliseconds and a cold
/// <c>check</c> runs compiled Roslyn code) and as the full CLI (ReadyToRun with the JIT) in <c>full/</c>. The native
/// build cannot run what needs code generated at run time: the index writer (Dapper), NuGet's feed client (reflection-based
/// JSON) and a project's source generators (loaded assemblies). It answers everything that needs only the index and files
/// already on disk, and hands the whole command line to the full CLI at the first step that needs more, before it has
/// written anything, so every answer is the one the full CLI gives.
/// </summary>
internal static class FullCliHandOff
{
    /// <summary>Names the full CLI explicitly: for a layout that puts the two apart, and for tests, which run the JIT
    /// build as a front. The full CLI is started without it, so it never hands off to itself.</summary>
    public const string EnvironmentVariable = "APITRUTH_FULL_CLI";

    /// <summary>The full CLI to hand off to; null when this process is the full CLI.</summary>
    public static readonly string? Target = Locate();

    /// <summary>Commands that always need the full CLI: they index, query the feeds, or install hooks that run a build.</summary>
    private static readonly string[] FullCliCommands = ["index", "versions", "hook"];

    public static bool NeedsFullCli(IReadOnlyList<string> args) => Target is not null && args.Count > 0 && FullCliCommands.Contains(args[0]);

    /// <summary>In the native front, stops the command here so that the full CLI runs it from the start; else nothing.</summary>
    /// <param name="step">What needs the full CLI, for the trace: "indexing", "reading the NuGet feeds", "project mode".</param>
    public static void Require(string step)
    {
        if (Target is not null) throw new HandOffException(step);
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } named) return named;
        return RuntimeFeature.IsDynamicCodeSupported ? null : Path.Combine(AppContext.BaseDirectory, "full", "apitruth");
    }
}
