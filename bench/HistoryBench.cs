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
        string[][] commands =
        [
            ["--version"],
            ["history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync", "--index", indexPath, "--no-index"],
            ["history", "--framework", "Enumerable.Chunk", "--index", indexPath, "--no-index"],
            ["find", "JsonConvert", "--index", indexPath],
        ];
        var medians = Measure.InterleavedMedians(CliRuns, cli, commands);
        var (version, historyCli, frameworkCli, findCli) = (medians[0], medians[1], medians[2], medians[3]);

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
            $"published CLI `--version` (startup baseline): median {version:F0} ms",
            $"published CLI `history Newtonsoft.Json JsonConvert.DeserializeObjectAsync`: median {historyCli:F0} ms = {historyCli / version:F2}x startup (target <= 150 ms)",
            $"published CLI `history --framework Enumerable.Chunk`: median {frameworkCli:F0} ms = {frameworkCli / version:F2}x startup",
            $"published CLI `find JsonConvert`: median {findCli:F0} ms = {findCli / version:F2}x startup");
    }
}
