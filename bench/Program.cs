namespace ApiTruth.Bench;

/// <summary>
/// `make bench`: runs every benchmark in one process and prints figures as ratios against the baselines the
/// issues name, measured in the same run.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var paths = new BenchPaths(Path.Combine("artifacts", "bench"));
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var report = await IndexBench.RunAsync(paths, cts.Token);
        Console.WriteLine(report);
        return 0;
    }
}
