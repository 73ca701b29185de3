using System.IO.Compression;
using System.Runtime.InteropServices;
using ApiTruth.History.Query;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Cli;

/// <summary>
/// First-use costs of what an index query needs (the SQLite and Brotli native libraries, NuGet.Frameworks' tables and
/// NuGet.Versioning, the query parser), paid on a second core while the main thread parses the command line and opens
/// the index. Nothing here changes a result: it only runs the same initialization earlier, and a failure is left to the
/// real use to report.
/// </summary>
internal static class StartupWarmup
{
    private static readonly string[] IndexCommands = ["history", "find", "diff", "versions"];

    /// <summary>Starts the warm-up for commands that read the index; does nothing for the others.</summary>
    public static void Start(string? command)
    {
        if (command is null || !IndexCommands.Contains(command)) return;
        if (Environment.ProcessorCount < 2) return; // on one core it would only take turns with the real work
        // A thread of its own rather than the thread pool: a one-shot query never needs the pool, so starting its
        // workers and gate thread would be one more cost.
        new Thread(WarmIndexReading) { IsBackground = true, Name = "apitruth warm-up" }.Start();
    }

    private static void WarmIndexReading()
    {
        try
        {
            _ = Marshal.PtrToStringUTF8(SqliteNative.ErrorString(SqliteNative.Ok));
            _ = BrotliDecoder.TryDecompress(ReadOnlySpan<byte>.Empty, Span<byte>.Empty, out _);
            var target = NuGetFramework.Parse("net8.0");
            _ = new FrameworkReducer().GetNearest(target, [NuGetFramework.Parse("netstandard2.0"), NuGetFramework.Parse("net6.0")]);
            _ = target.GetShortFolderName();
            _ = NuGetVersion.Parse("1.0.0-beta.1").CompareTo(NuGetVersion.Parse("1.0.0"));
            _ = ApiQueryParser.Parse("Type.Member<T>(string, int)");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException
            or InvalidOperationException or ArgumentException or FormatException or ApiTruth.History.HistoryInputException)
        {
            // The real use reports whatever is wrong here, with its own message.
        }
    }
}
