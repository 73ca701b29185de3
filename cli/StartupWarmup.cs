using System.IO.Compression;
using System.Runtime.InteropServices;
using ApiTruth.History;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.History.Query;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Cli;

/// <summary>
/// First-use costs of an index query, paid on a second core while the main thread builds and parses the command line.
/// For <c>history</c> and <c>find</c> the warm-up runs the query the arguments appear to ask, on a reader of its own, and
/// throws the answer away: a cold process spends most of a query loading types and resolving precompiled code (SQLite and
/// Brotli, NuGet.Frameworks' tables, the catalog decoder), and that work is shared, so the main thread's real query then
/// finds it done. Nothing here changes a result: the main thread parses the arguments properly, asks again, and reports
/// every error itself.
/// </summary>
internal static class StartupWarmup
{
    private static readonly string[] IndexCommands = ["history", "find", "diff", "versions"];

    // Options of history and find that take a value (so that the value is not taken for a positional argument).
    private static readonly string[] ValueOptions = ["--index", "--framework", "--format", "--limit"];

    /// <summary>Starts the warm-up for commands that read the index; does nothing for the others.</summary>
    public static void Start(string[] args)
    {
        if (args.Length == 0 || !IndexCommands.Contains(args[0])) return;
        if (Environment.ProcessorCount < 2) return; // on one core it would only take turns with the real work
        // A thread of its own rather than the thread pool: a one-shot query never needs the pool, so starting its
        // workers and gate thread would be one more cost.
        new Thread(() => Warm(args)) { IsBackground = true, Name = "apitruth warm-up" }.Start();
    }

    private static void Warm(string[] args)
    {
        try
        {
            WarmLibraries();
            var (positionals, options) = Scan(args);
            if (positionals is null) return;
            var index = IndexLocation.Resolve(options.GetValueOrDefault("--index"));
            if (!File.Exists(index)) return;
            using var reader = new IndexReader(index);
            var view = new IndexView(reader);
            switch (args[0])
            {
                case "history" when positionals.Count == 2:
                    _ = new HistoryService(view).Query(new HistoryRequest(positionals[0], positionals[1], options.GetValueOrDefault("--framework")));
                    break;
                case "history" when positionals.Count == 0 && options.GetValueOrDefault("--framework") is { } member:
                    _ = new HistoryService(view).Query(new HistoryRequest(null, member));
                    break;
                case "find" when positionals.Count == 1:
                    _ = new FindService(view).Find(new FindRequest(positionals[0]));
                    break;
            }
        }
        catch (Exception)
        {
            // Whatever the speculative query meets (arguments it misread, a missing or corrupt index), the real one reports.
        }
    }

    /// <summary>What every query needs whatever it asks: native libraries and NuGet's tables, portable profiles included.</summary>
    private static void WarmLibraries()
    {
        _ = Marshal.PtrToStringUTF8(SqliteNative.ErrorString(SqliteNative.Ok));
        _ = BrotliDecoder.TryDecompress(ReadOnlySpan<byte>.Empty, Span<byte>.Empty, out _);
        var target = NuGetFramework.Parse("net8.0");
        var candidates = new[] { "netstandard1.0", "netstandard2.0", "net45", "portable-net45+win8+wp8+wpa81", "net6.0" }.Select(NuGetFramework.Parse).ToList();
        _ = new FrameworkReducer().GetNearest(target, candidates);
        _ = target.GetShortFolderName();
        _ = NuGetVersion.Parse("1.0.0-beta.1").CompareTo(NuGetVersion.Parse("1.0.0"));
        _ = ApiQueryParser.Parse("Type.Member<T>(string, int)");
    }

    /// <summary>
    /// The positional arguments after the command and the values of the options that take one; null positionals when the
    /// arguments use anything this simple scan does not understand (the real parser will).
    /// </summary>
    private static (List<string>? Positionals, Dictionary<string, string> Options) Scan(string[] args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--" || arg.StartsWith('@')) return (null, options);
            if (!arg.StartsWith('-'))
            {
                positionals.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (!ValueOptions.Contains(name)) continue; // a flag
            if (equals > 0) options[name] = arg[(equals + 1)..];
            else if (i + 1 < args.Length) options[name] = args[++i];
        }
        return (positionals, options);
    }
}
