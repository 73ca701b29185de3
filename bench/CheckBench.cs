using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Knowledge;
using ApiTruth.Indexer.Feeds;

namespace ApiTruth.Bench;

/// <summary>
/// Issue 4's benchmark: one 50-line snippet. Baseline, in the same run: a scratch project with the pinned packages
/// and `dotnet build` (warm package cache), which is how one learns the same thing without ApiTruth. Then the
/// published CLI, cold process (warm index and package cache), and the in-process checker, warm, same pins.
/// </summary>
internal static class CheckBench
{
    private static readonly (string Id, string Version)[] Pins = [("Newtonsoft.Json", "13.0.3"), ("Serilog", "4.3.0"), ("Serilog.Sinks.Console", "6.0.0")];

    /// <summary>Checks run before the warm ones are timed (see the warm-up loop).</summary>
    private const int WarmUpChecks = 150;

    private const string Framework = "net8.0";

    public static async Task<string> RunAsync(BenchPaths paths, string indexPath, string cli, CancellationToken ct)
    {
        var snippet = Path.GetFullPath(Path.Combine("data", "snippets", "orders-50.cs"));
        var baselineWarmup = ScratchBuild(paths.File("scratch-warmup"), snippet);
        var baseline = ScratchBuild(paths.File("scratch"), snippet);

        string[] arguments = ["check", snippet, "--framework", Framework, .. Pins.SelectMany(p => new[] { "--package", $"{p.Id}@{p.Version}" }), "--format", "json", "--index", indexPath];
        Measure.CommandMedian(1, cli, arguments);
        var cold = Measure.CommandMedian(5, cli, arguments);
        // The same check by the full CLI alone (ReadyToRun with the JIT): what the native front saves. Both must answer alike.
        var full = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cli))!, "full", "apitruth");
        var (frontRun, fullRun) = (Measure.Command(cli, arguments, timed: false), Measure.Command(full, arguments, timed: false));
        if (frontRun.Output != fullRun.Output || frontRun.ExitCode != fullRun.ExitCode)
            throw new InvalidOperationException($"the native front and the full CLI answer the check differently:\n{frontRun.Output}\n---\n{fullRun.Output}");
        var coldFull = Measure.CommandMedian(5, full, arguments);

        using var feed = PackageFeed.FromConfiguration();
        // APITRUTH_TRACE=1: the phases of the last warm check are printed, to see where a warm check spends its time.
        var phases = new List<string>();
        Action<string>? trace = Environment.GetEnvironmentVariable("APITRUTH_TRACE") is { Length: > 0 } ? phases.Add : null;
        var checker = new ApiChecker(new FeedReferenceResolver(feed), IndexKnowledge.Open(indexPath), trace);
        var sources = await InputReader.ReadFileAsync(snippet, ct);
        var request = new CheckRequest(sources, Framework, Pins.Select(p => new PackagePin(p.Id, p.Version, PinOrigin.CommandLine)).ToList());
        var findings = 0;
        // Warm means settled: the first checks also JIT-compile and then tier up the hot paths. Tiering takes long: checks
        // 20 to 70 are slower than the first ones (instrumented code, call counting, the background JIT on the other core),
        // and only from about the 80th do they run the final code, at half the time of the first ones.
        for (var i = 0; i < WarmUpChecks; i++) findings = (await checker.CheckAsync(request, ct)).Sum(r => r.Findings.Count);
        var samples = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            phases.Clear();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await checker.CheckAsync(request, ct);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        var warm = Measure.Median(samples);
        foreach (var phase in phases) Console.Error.WriteLine($"last warm check: {phase}");
        return string.Join('\n',
            "## check (issue 4)",
            $"snippet: data/snippets/orders-50.cs (50 lines, {findings} API references), {Framework}, {string.Join(", ", Pins.Select(p => $"{p.Id} {p.Version}"))}",
            $"baseline, scratch project + dotnet build (warm package cache): {baseline.WallMs / 1000:F2} s (warm-up build {baselineWarmup.WallMs / 1000:F2} s), exit {baseline.ExitCode}",
            $"published CLI (native front), cold process, warm index and cache: median {cold.MedianMs:F0} ms = {baseline.WallMs / cold.MedianMs:F1}x faster than the baseline (target <= 1 s, >= 10x); peak memory {cold.PeakKb / 1024.0:F0} MB (target <= 400 MB)",
            $"the full CLI alone (full/apitruth: ReadyToRun with the JIT), cold: median {coldFull.MedianMs:F0} ms = {baseline.WallMs / coldFull.MedianMs:F1}x; peak memory {coldFull.PeakKb / 1024.0:F0} MB",
            $"in-process, warm, same pins: median {warm:F1} ms (target <= 30 ms)");
    }

    private static Measure.CommandRun ScratchBuild(string folder, string snippet)
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var references = string.Join('\n', Pins.Select(p => $"    <PackageReference Include=\"{p.Id}\" Version=\"{p.Version}\" />"));
        File.WriteAllText(Path.Combine(folder, "Scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{Framework}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """);
        // Keep the repository's Directory.*.props out of the scratch build.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        File.Copy(snippet, Path.Combine(folder, "Program.cs"));
        return Measure.Command("dotnet", ["build", "-nologo", "-v", "q"], folder);
    }
}
