namespace ApiTruth.Bench;

/// <summary>
/// `make bench`: runs every benchmark in one process and prints figures as ratios against the baselines the
/// issues name, measured in the same run. Usage: bench --cli &lt;published apitruth&gt; [--only index|history|check|project] [--bench-project &lt;.sln or .csproj&gt;].
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var cliIndex = Array.IndexOf(args, "--cli");
        if (cliIndex < 0 || cliIndex + 1 >= args.Length || !File.Exists(args[cliIndex + 1]))
        {
            Console.Error.WriteLine("bench: usage: bench --cli <path to the published apitruth> (make bench passes it)");
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
        // --bench-project: the real project of issue 5's benchmark (make bench BENCH_PROJECT=…).
        var projectIndex = Array.IndexOf(args, "--bench-project");
        var benchProject = projectIndex >= 0 && projectIndex + 1 < args.Length && args[projectIndex + 1].Length > 0 ? args[projectIndex + 1] : null;
        // --only history|check reuses the index a previous full run left, so one figure can be re-measured quickly.
        var onlyIndex = Array.IndexOf(args, "--only");
        var only = onlyIndex >= 0 && onlyIndex + 1 < args.Length ? args[onlyIndex + 1] : null;
        if (only is not null and not ("index" or "history" or "check" or "project"))
        {
            Console.Error.WriteLine($"bench: unknown --only '{only}'; use index, history, check or project");
            return 2;
        }
        if (only == "project")
        {
            Console.WriteLine(ProjectBench.Run(paths, benchProject, cli));
            return 0;
        }
        string indexPath;
        if (only is null or "index")
        {
            (var indexReport, indexPath) = await IndexBench.RunAsync(paths, cts.Token);
            Console.WriteLine(indexReport);
            Console.WriteLine();
        }
        else
        {
            indexPath = paths.File("bench.db");
            if (!File.Exists(indexPath))
            {
                Console.Error.WriteLine($"bench: --only {only} needs the index a full run leaves at {indexPath}; run make bench once");
                return 2;
            }
        }
        if (only is null or "history")
        {
            Console.WriteLine(HistoryBench.Run(indexPath, cli));
            Console.WriteLine();
        }
        if (only is null or "check")
        {
            Console.WriteLine(await CheckBench.RunAsync(paths, indexPath, cli, cts.Token));
            Console.WriteLine();
        }
        if (only is null)
            Console.WriteLine(ProjectBench.Run(paths, benchProject, cli));
        return 0;
    }
}
