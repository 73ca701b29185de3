using ApiTruth.History;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Bench;

/// <summary>
/// Issue 3's benchmark on the index the index bench built: median in-process query time on a warm view, and the
/// published CLI's median wall time per query against its own <c>--version</c> startup in the same run.
/// </summary>
internal static class HistoryBench
{
    private static readonly HistoryRequest[] Queries =
    [
        new("Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync"),
        new("Newtonsoft.Json", "JsonConvert.DeserializeObject<T>(string)"),
        new("Serilog", "LoggerConfiguration.WriteTo"),
        new("Polly", "Policy.Handle"),
        new("CsvHelper", "CsvReader.GetRecords"),
        new("Dapper", "SqlMapper.QueryAsync"),
        new(null, "Enumerable.Chunk"),
        new(null, "string.Contains(char)"),
    ];

    private const int CliRuns = 15;

    public static string Run(string indexPath, string cli)
    {
        // The CLI first, while this process is idle: after the in-process loop its own tiered JIT keeps a core busy for
        // a while, and the CLI's warm-up thread needs that core. The commands take turns, so a change of load hits all alike.
        // The published `apitruth` is the native front (compiled ahead of time), which answers these itself; the full CLI
        // (ReadyToRun, JIT) in full/ and the framework-dependent build run through `dotnet` are timed too, so that each
        // startup cost is visible.
        var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cli))!, "full", "apitruth");
        var dll = Path.GetFullPath(Path.Combine("artifacts", "bin", "ApiTruth.Cli", "release", "apitruth.dll"));
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: run 'make build' first");
        string[] historyArgs = ["history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync", "--index", indexPath, "--no-index"];
        string[] frameworkArgs = ["history", "--framework", "Enumerable.Chunk", "--index", indexPath, "--no-index"];
        string[] findArgs = ["find", "JsonConvert", "--index", indexPath];
        foreach (var args in new[] { historyArgs, frameworkArgs, findArgs })
        {
            // The front's answer must be the full CLI's, byte for byte, or its time means nothing.
            var (fast, slow) = (Measure.Command(cli, args, timed: false), Measure.Command(full, args, timed: false));
            if (fast.Output != slow.Output || fast.ExitCode != slow.ExitCode)
                throw new InvalidOperationException($"the native front and the full CLI answer `{string.Join(' ', args)}` differently:\n{fast.Output}\n---\n{slow.Output}");
        }
        var medians = Measure.InterleavedMedians(CliRuns,
            [(cli, ["--version"]), (cli, historyArgs), (cli, frameworkArgs), (cli, findArgs), (full, historyArgs), (full, ["--version"]), ("dotnet", [dll, "--version"])]);
        var (version, historyCli, frameworkCli, findCli, historyFull) = (medians[0], medians[1], medians[2], medians[3], medians[4]);
        var (versionFull, versionDotnet) = (medians[5], medians[6]);

        var view = new IndexView(new IndexReader(indexPath));
        var history = new HistoryService(view);
        var find = new FindService(view);
        foreach (var query in Queries) history.Query(query);
        var samples = new List<double>();
        for (var round = 0; round < 20; round++)
        {
            foreach (var query in Queries) samples.Add(Measure.MedianMs(1, () => history.Query(query)));
            samples.Add(Measure.MedianMs(1, () => find.Find(new FindRequest("JsonConvert"))));
            samples.Add(Measure.MedianMs(1, () => find.Find(new FindRequest("Chunk"))));
        }
        var inProcess = Measure.Median(samples);

        return string.Join('\n',
            "## history and find (issue 3)",
            $"in-process, warm view, {samples.Count} queries (history x{Queries.Length}, find x2, 20 rounds): median {inProcess:F3} ms (target <= 5 ms)",
            $"published CLI, {CliRuns} runs of each command taking turns (after one unmeasured round):",
            $"startup, `--version`: published CLI (native front) {version:F0} ms; full CLI (full/apitruth, ReadyToRun) {versionFull:F0} ms; `dotnet artifacts/bin/ApiTruth.Cli/release/apitruth.dll` {versionDotnet:F0} ms",
            $"published CLI `history Newtonsoft.Json JsonConvert.DeserializeObjectAsync`: median {historyCli:F0} ms = {historyCli / version:F2}x its own startup, {historyCli / versionDotnet:F2}x `dotnet apitruth.dll --version` (target <= 150 ms)",
            $"published CLI `history --framework Enumerable.Chunk`: median {frameworkCli:F0} ms = {frameworkCli / version:F2}x startup",
            $"published CLI `find JsonConvert`: median {findCli:F0} ms = {findCli / version:F2}x startup",
            $"the same history query by the full CLI alone (full/apitruth): median {historyFull:F0} ms = {historyFull / versionFull:F2}x its startup");
    }
}
