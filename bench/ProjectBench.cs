using System.Diagnostics;
using System.Text.Json;
using ApiTruth.Checker.Project;

namespace ApiTruth.Bench;

/// <summary>
/// Issue 5's benchmark on a real project of 20k–60k lines: its full <c>dotnet build</c> (the baseline), then
/// <c>apitruth check --project</c> cold (empty result cache) and unchanged (with it), then an incremental build with
/// nothing changed, without and with the MSBuild hook. The project is a solution or project file that restores and
/// builds here: <c>make bench BENCH_PROJECT=…</c>; without it the pinned CsvHelper is cloned (when github.com is
/// reachable) and prepared as described in <see cref="Prepare"/>.
/// </summary>
internal static class ProjectBench
{
    public const string PinnedRepository = "https://github.com/JoshClose/CsvHelper";
    public const string PinnedCommit = "33970e5183383bdac1fbce3b3fbcdf46b318ca52";
    private const int IncrementalRuns = 9;
    private const int WarmRuns = 5;

    public static string Usage =>
        "project benchmark skipped: no project given and the pinned CsvHelper could not be cloned. Supply one that restores and builds here: "
        + "make bench BENCH_PROJECT=/path/to/App.sln (for the issue's figures: CsvHelper at "
        + PinnedCommit[..12] + ", prepared as bench/ProjectBench.cs says: net4x targets dropped, CsvHelper.Check.sln with src/CsvHelper and tests/CsvHelper.Tests)";

    public static string Run(BenchPaths paths, string? project, string cli)
    {
        var lines = new List<string> { "## project mode and hook (issue 5)" };
        if (project is null)
        {
            var fetched = TryClonePinned(paths, out var why);
            if (fetched is null)
                return string.Join('\n', lines.Append($"{Usage} ({why})"));
            project = fetched;
        }
        project = Path.GetFullPath(project);
        if (!File.Exists(project) && !Directory.Exists(project))
            return string.Join('\n', lines.Append($"project benchmark skipped: {project} does not exist. {Usage}"));
        var folder = Directory.Exists(project) ? project : Path.GetDirectoryName(project)!;

        // The project's identity: files and lines the check covers, the commit, local edits.
        var set = ProjectSet.Discover(project);
        var files = set.Projects.SelectMany(p => p.CompileFiles).Distinct(StringComparer.Ordinal).ToList();
        long lineCount = files.Sum(f => (long)File.ReadLines(f).Count());
        var commit = Text("git", ["-C", folder, "rev-parse", "HEAD"]).Trim();
        var edits = Text("git", ["-C", folder, "status", "--porcelain", "--untracked-files=normal"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Add($"project: {project}; commit {(commit.Length == 40 ? commit : "(not a git checkout)")}; {set.Projects.Count} projects "
            + $"({string.Join(", ", set.Projects.Select(p => Path.GetFileNameWithoutExtension(p.Path) + " " + string.Join(";", p.Pins.TargetFrameworks)))}), "
            + $"{files.Count} compiled .cs files, {lineCount} lines");
        if (edits.Length > 0) lines.Add($"local edits: {string.Join("; ", edits.Select(e => e.Trim()))}");
        lines.Add($"load before: {Uptime()}");

        // The index: the one a full bench run built, else none (explanations only; a clean project needs none). Never
        // the user's default index, which another ApiTruth may have written in another format.
        var index = paths.File("bench.db");
        Environment.SetEnvironmentVariable("APITRUTH_INDEX", File.Exists(index) ? index : paths.File("no-index.db"));
        lines.Add($"index: {(File.Exists(index) ? index : "none")}");

        // A hook left behind by an interrupted run would distort the baseline.
        Measure.Command(cli, ["hook", "uninstall", "--msbuild", "--root", folder]);
        var restore = Measure.Command("dotnet", ["restore", project, "-nologo", "-v", "q"], folder);
        if (restore.ExitCode != 0)
            return string.Join('\n', lines.Append($"project benchmark skipped: dotnet restore failed: {FirstError(restore.Output)}"));
        var warmup = Measure.Command("dotnet", ["build", project, "--no-restore", "-nologo", "-v", "q"], folder);
        if (warmup.ExitCode != 0)
            return string.Join('\n', lines.Append($"project benchmark skipped: dotnet build failed: {FirstError(warmup.Output)}"));
        var full = Measure.Command("dotnet", ["build", project, "--no-restore", "--no-incremental", "-nologo", "-v", "q"], folder);
        lines.Add($"baseline, full build (dotnet build --no-incremental after restore, warm build server): {full.WallMs / 1000:F1} s (exit {full.ExitCode}; first build {warmup.WallMs / 1000:F1} s)");

        // Cold: an empty result cache (the reference-set cache and the NuGet package folder are warm, as on any machine that built the project).
        // Measured in the default text format (what a developer and the build hook see), and again with --format json,
        // which prints every finding (22 MB for CsvHelper) and gives the counts below.
        var cache = paths.File("project-cache");
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        string[] check = ["check", "--project", project, "--no-docs", "--cache-dir", cache, "--format", "json"];
        string[] checkText = [.. check[..^2], "--format", "text"];
        var coldText = Measure.Command(cli, checkText, folder);
        if (coldText.ExitCode is not (0 or 1))
            return string.Join('\n', lines.Append($"apitruth check failed (exit {coldText.ExitCode}): {FirstError(coldText.Output)}"));
        Directory.Delete(cache, recursive: true);
        var cold = Measure.Command(cli, check, folder);
        if (cold.ExitCode is not (0 or 1))
            return string.Join('\n', lines.Append($"apitruth check failed (exit {cold.ExitCode}): {FirstError(cold.Output)}"));
        lines.Add($"apitruth check --project, cold (no result cache): {coldText.WallMs / 1000:F1} s = {100 * coldText.WallMs / full.WallMs:F0}% of the full build (target <= 25%); peak memory {coldText.PeakKb / 1024.0:F0} MB");
        lines.Add($"the same with --format json (every finding): {cold.WallMs / 1000:F1} s = {100 * cold.WallMs / full.WallMs:F0}% of the full build; peak memory {cold.PeakKb / 1024.0:F0} MB");
        lines.Add(Findings(cold.Output));
        var warmJson = Measure.CommandMedian(WarmRuns, cli, check);
        var warmText = Measure.CommandMedian(WarmRuns, cli, checkText);
        lines.Add($"unchanged re-run: median {warmText.MedianMs / 1000:F2} s text, {warmJson.MedianMs / 1000:F2} s json (every finding) (target <= 0.5 s)");

        // Incremental builds with nothing changed, without and then with the hook (its own result cache, like a developer's).
        Environment.SetEnvironmentVariable("APITRUTH_CACHE", paths.File("project-cache-hook"));
        string[] build = ["build", project, "-nologo", "-v", "q"];
        var without = Median(IncrementalRuns + 1, build, folder, skipFirst: true);
        var install = Measure.Command(cli, ["hook", "install", "--msbuild", "--root", folder, "--command", $"\"{cli}\""]);
        if (install.ExitCode != 0)
            return string.Join('\n', lines.Append($"hook install failed: {FirstError(install.Output)}"));
        try
        {
            var first = Measure.Command("dotnet", build, folder);
            // Every inner build that passed its check leaves a stamp; a missing one means that build checks every time.
            var stamps = set.Projects.Sum(p => Directory.Exists(Path.Combine(p.Folder, "obj"))
                ? Directory.GetFiles(Path.Combine(p.Folder, "obj"), "apitruth.stamp", SearchOption.AllDirectories).Length : 0);
            var with = Median(IncrementalRuns, build, folder, skipFirst: false);
            // The same again taking turns, the hook installed and every other build with it switched off
            // (-p:ApiTruthEnabled=false, which keeps the stamps): one after the other, the comparison above also measures
            // whatever the machine's load did meanwhile.
            var (turnsWith, turnsOff) = Interleaved(IncrementalRuns, build, [.. build, "-p:ApiTruthEnabled=false"], folder);
            var stampsAfter = set.Projects.Sum(p => Directory.Exists(Path.Combine(p.Folder, "obj"))
                ? Directory.GetFiles(Path.Combine(p.Folder, "obj"), "apitruth.stamp", SearchOption.AllDirectories).Length : 0);
            lines.Add($"first build with the hook (checks each project and framework): {first.WallMs / 1000:F1} s, exit {first.ExitCode}; "
                + $"{stamps} check stamps after it, {stampsAfter} after the unchanged builds (one per inner build means every check was skipped)");
            lines.Add($"incremental build, nothing changed: median {without / 1000:F2} s without the hook, {with / 1000:F2} s with it: "
                + $"overhead {(with - without) / 1000:F2} s (target <= 0.3 s; {IncrementalRuns} runs each, one after the other)");
            lines.Add($"the same taking turns, hook installed: median {turnsWith / 1000:F2} s with it, {turnsOff / 1000:F2} s with it switched off "
                + $"(-p:ApiTruthEnabled=false): overhead {(turnsWith - turnsOff) / 1000:F2} s ({IncrementalRuns} rounds after one unmeasured round)");
        }
        finally
        {
            Measure.Command(cli, ["hook", "uninstall", "--msbuild", "--root", folder]);
            Environment.SetEnvironmentVariable("APITRUTH_CACHE", null);
            Environment.SetEnvironmentVariable("APITRUTH_INDEX", null);
        }
        lines.Add($"load after: {Uptime()}");
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The pinned CsvHelper, cloned at its commit and prepared to build with the SDK and packages served here: the
    /// .NET Framework targets are dropped (their reference assemblies are not served), and a solution holds the library
    /// and its tests (the repository's own solution also lists a website whose packages are not served).
    /// </summary>
    private static string? TryClonePinned(BenchPaths paths, out string why)
    {
        var folder = paths.File("CsvHelper");
        var solution = Path.Combine(folder, "CsvHelper.Check.sln");
        why = "";
        if (File.Exists(solution)) return solution;
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var step in new[]
        {
            new[] { "init", "-q" },
            ["remote", "add", "origin", PinnedRepository],
            ["-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=20", "fetch", "-q", "--depth", "1", "origin", PinnedCommit],
            ["checkout", "-q", "FETCH_HEAD"],
        })
        {
            var run = Measure.Command("git", step, folder);
            if (run.ExitCode != 0)
            {
                why = $"git {string.Join(' ', step)}: {FirstError(run.Output)}";
                return null;
            }
        }
        return Prepare(folder, out why) ? solution : null;
    }

    private static bool Prepare(string folder, out string why)
    {
        why = "";
        (string File, string From, string To)[] edits =
        [
            ("src/CsvHelper/CsvHelper.csproj", "net9.0;net8.0;netstandard2.1;netstandard2.0;net48;net47;net462", "net9.0;net8.0;netstandard2.1;netstandard2.0"),
            ("tests/CsvHelper.Tests/CsvHelper.Tests.csproj", "net9.0;net8.0;net48;net47;net462", "net9.0;net8.0"),
        ];
        foreach (var (file, from, to) in edits)
        {
            var path = Path.Combine(folder, file);
            var text = File.ReadAllText(path);
            if (!text.Contains(from, StringComparison.Ordinal))
            {
                why = $"{file} no longer lists {from}";
                return false;
            }
            File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
        }
        foreach (var step in new[]
        {
            new[] { "new", "sln", "-n", "CsvHelper.Check", "--format", "sln" },
            ["sln", "CsvHelper.Check.sln", "add", "src/CsvHelper/CsvHelper.csproj", "tests/CsvHelper.Tests/CsvHelper.Tests.csproj"],
        })
        {
            var run = Measure.Command("dotnet", step, folder);
            if (run.ExitCode != 0)
            {
                why = $"dotnet {string.Join(' ', step)}: {FirstError(run.Output)}";
                return false;
            }
        }
        return true;
    }

    /// <summary>The median wall time of two builds taking turns, after one unmeasured round.</summary>
    private static (double First, double Second) Interleaved(int rounds, string[] first, string[] second, string folder)
    {
        var (a, b) = (new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (arguments, walls) in new[] { (first, a), (second, b) })
            {
                var run = Measure.Command("dotnet", arguments, folder);
                if (run.ExitCode != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited {run.ExitCode}: {FirstError(run.Output)}");
                if (round > 0) walls.Add(run.WallMs);
            }
        }
        return (Measure.Median(a), Measure.Median(b));
    }

    private static double Median(int runs, string[] arguments, string folder, bool skipFirst)
    {
        var walls = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var run = Measure.Command("dotnet", arguments, folder);
            if (run.ExitCode != 0) throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited {run.ExitCode}: {FirstError(run.Output)}");
            if (!(skipFirst && i == 0)) walls.Add(run.WallMs);
        }
        return Measure.Median(walls);
    }

    private static string Findings(string output)
    {
        var json = output[..(output.LastIndexOf('}') + 1)];
        using var doc = JsonDocument.Parse(json);
        var summary = doc.RootElement.GetProperty("summary");
        int Count(string name) => summary.GetProperty(name).GetInt32();
        var total = Count("references");
        return $"findings: {total} references, {Count("exists")} exist ({(double)Count("exists") / Math.Max(1, total):F4} resolved; target >= 0.97), "
            + $"{Count("missing")} missing, {Count("no-overload")} no-overload, {Count("not-referenced")} not-referenced (target 0 each), {Count("unverifiable")} unverifiable";
    }

    private static string FirstError(string output) =>
        output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("fatal", StringComparison.OrdinalIgnoreCase))
        ?? output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("APITRUTH_BENCH", StringComparison.Ordinal)) ?? "(no output)";

    private static string Uptime() => File.Exists("/proc/loadavg") ? "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Text(string file, string[] arguments)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) psi.ArgumentList.Add(a);
            using var process = Process.Start(psi)!;
            var text = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : "";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return ""; // no git
        }
    }
}
