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

    public static string Run(string indexPath, string cli)
    {
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

        var version = Measure.CommandMedian(7, cli, "--version");
        var historyCli = Measure.CommandMedian(7, cli, "history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync", "--index", indexPath, "--no-index");
        var frameworkCli = Measure.CommandMedian(7, cli, "history", "--framework", "Enumerable.Chunk", "--index", indexPath, "--no-index");
        var findCli = Measure.CommandMedian(7, cli, "find", "JsonConvert", "--index", indexPath);
        return string.Join('\n',
            "## history and find (issue 3)",
            $"in-process, warm view, {samples.Count} queries (history x{Queries.Length}, find x2, 20 rounds): median {inProcess:F3} ms (target <= 5 ms)",
            $"published CLI `--version` (startup baseline): median {version.MedianMs:F0} ms",
            $"published CLI `history Newtonsoft.Json JsonConvert.DeserializeObjectAsync`: median {historyCli.MedianMs:F0} ms = {historyCli.MedianMs / version.MedianMs:F2}x startup (target <= 150 ms)",
            $"published CLI `history --framework Enumerable.Chunk`: median {frameworkCli.MedianMs:F0} ms = {frameworkCli.MedianMs / version.MedianMs:F2}x startup",
            $"published CLI `find JsonConvert`: median {findCli.MedianMs:F0} ms = {findCli.MedianMs / version.MedianMs:F2}x startup");
    }
}
