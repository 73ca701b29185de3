using System.Diagnostics;

namespace ApiTruth.Bench;

/// <summary>Timing helpers: medians of repeated runs, and whole commands with their peak memory.</summary>
internal static class Measure
{
    public static double MedianMs(int runs, Action action)
    {
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    public static double Median(List<double> samples)
    {
        samples.Sort();
        var n = samples.Count;
        return n == 0 ? 0 : n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    }

    public sealed record CommandRun(double WallMs, long PeakKb, int ExitCode, string Output);

    /// <summary>Runs a command, under /usr/bin/time (when present and <paramref name="timed"/>) to read its peak resident memory.</summary>
    public static CommandRun Command(string file, IEnumerable<string> arguments, string? workingDirectory = null, bool timed = true)
    {
        var useTime = timed && File.Exists("/usr/bin/time");
        var start = new ProcessStartInfo(useTime ? "/usr/bin/time" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (useTime)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add("APITRUTH_BENCH_PEAK_KB=%M");
            start.ArgumentList.Add(file);
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Nested dotnet commands must not inherit the bench's own MSBuild environment.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH" })
            start.Environment.Remove(name);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var wall = clock.Elapsed.TotalMilliseconds;
        long peak = 0;
        foreach (var line in stderr.Result.Split('\n'))
            if (line.StartsWith("APITRUTH_BENCH_PEAK_KB=", StringComparison.Ordinal)) peak = long.Parse(line["APITRUTH_BENCH_PEAK_KB=".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        return new CommandRun(wall, peak, process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>
    /// The median wall time of each command, the commands taking turns for <paramref name="runs"/> rounds after one
    /// unmeasured round (which pays for files not yet in the page cache). Run directly, not under /usr/bin/time, so
    /// that a time of 100 ms does not include another process's start.
    /// </summary>
    public static double[] InterleavedMedians(int runs, IReadOnlyList<(string File, string[] Arguments)> commands)
    {
        var walls = commands.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round <= runs; round++)
        {
            for (var i = 0; i < commands.Count; i++)
            {
                var (file, arguments) = commands[i];
                var run = Command(file, arguments, timed: false);
                if (run.ExitCode is not (0 or 1)) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Output}");
                if (round > 0) walls[i].Add(run.WallMs);
            }
        }
        return [.. walls.Select(Median)];
    }

    public static (double MedianMs, long PeakKb) CommandMedian(int runs, string file, params string[] arguments)
    {
        var walls = new List<double>();
        long peak = 0;
        for (var i = 0; i < runs; i++)
        {
            var run = Command(file, arguments);
            if (run.ExitCode is not (0 or 1)) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {run.ExitCode}: {run.Output}");
            walls.Add(run.WallMs);
            peak = Math.Max(peak, run.PeakKb);
        }
        return (Median(walls), peak);
    }
}
