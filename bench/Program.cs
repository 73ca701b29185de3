namespace ApiTruth.Bench;

/// <summary>
/// `make bench`: runs every benchmark in one process and prints figures as ratios against the baselines the
/// issues name, measured in the same run. Usage: bench --cli &lt;published apitruth launcher&gt;.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var cliIndex = Array.IndexOf(args, "--cli");
        if (cliIndex < 0 || cliIndex + 1 >= args.Length || !File.Exists(args[cliIndex + 1]))
        {
            Console.Error.WriteLine("bench: usage: bench --cli <path to the published apitruth launcher> (make bench passes it)");
            return 2;
        }
        var cli = Path.GetFullPath(args[cliIndex + 1]);
        var paths = new BenchPaths(Path.Combine("artifacts", "bench"));
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        var (indexReport, indexPath) = await IndexBench.RunAsync(paths, cts.Token);
        Console.WriteLine(indexReport);
        Console.WriteLine();
        Console.WriteLine(HistoryBench.Run(indexPath, cli));
        Console.WriteLine();
        Console.WriteLine(await CheckBench.RunAsync(paths, indexPath, cli, cts.Token));
        return 0;
    }
}
