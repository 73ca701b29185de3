using System.CommandLine;
using System.Diagnostics;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Tests.Project;

/// <summary>The MSBuild hook in real <c>dotnet build</c>s of a real sample solution.</summary>
public sealed class HookBuildTests : IDisposable
{
    private readonly SampleSolution _sample = new();

    public void Dispose() => _sample.Dispose();

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(HookCommand.Create());
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Build_fails_on_a_wrong_README_sample_passes_as_warning_and_skips_the_check_when_unchanged()
    {
        var command = $"dotnet \"{SampleSolution.CliDll()}\"";
        var (exit, _, err) = await RunAsync("hook", "install", "--msbuild", "--root", _sample.Root, "--command", command);
        Assert.True(exit == 0, err);
        Assert.Equal(0, (await RunAsync("hook", "install", "--root", _sample.Root, "--command", command)).Exit);
        var imports = File.ReadAllText(_sample.PathOf("Directory.Build.targets")).Split("apitruth.targets\" Condition").Length - 1;
        Assert.Equal(1, imports); // installing twice imports once

        var watch = Stopwatch.StartNew();
        var (failed, failedLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "q");
        var firstBuild = watch.Elapsed;
        Assert.NotEqual(0, failed);
        var readme = _sample.PathOf("README.md");
        Assert.Contains($"{readme}({SampleSolution.ReadmeLine},{SampleSolution.ReadmeColumn}): error APITRUTH001:", failedLog, StringComparison.Ordinal);
        Assert.Contains("DeserializeObjectAsync", failedLog, StringComparison.Ordinal);
        Assert.Contains("Newtonsoft.Json 13.0.3", failedLog, StringComparison.Ordinal);
        // The sample's own types (Greeter, from the referenced Lib) are not flagged, and the README is reported once, by App.
        Assert.DoesNotContain("Greet", failedLog.Replace("Greeter.Greet(\"docs\")", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(failedLog.Split('\n').Where(l => l.Contains("error APITRUTH001", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct());

        var (passed, passedLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "q", "-p:ApiTruthSeverity=warning");
        Assert.True(passed == 0, passedLog);
        Assert.Contains($"{readme}({SampleSolution.ReadmeLine},{SampleSolution.ReadmeColumn}): warning APITRUTH001:", passedLog, StringComparison.Ordinal);
        var stamp = _sample.PathOf("src/App/obj/Debug/net8.0/apitruth.stamp");
        Assert.True(File.Exists(stamp));
        var stampTime = File.GetLastWriteTimeUtc(stamp);

        watch.Restart();
        var (again, againLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "n", "-p:ApiTruthSeverity=warning");
        var unchangedBuild = watch.Elapsed;
        Assert.True(again == 0, againLog);
        Assert.Contains("Skipping target \"ApiTruthCheck\" because all output files are up-to-date", againLog, StringComparison.Ordinal);
        Assert.DoesNotContain("APITRUTH001", againLog, StringComparison.Ordinal);
        Assert.Equal(stampTime, File.GetLastWriteTimeUtc(stamp));

        // Switched off: the wrong sample no longer fails the build.
        _sample.Write("README.md", File.ReadAllText(readme) + "\n");
        var (off, offLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "q", "-p:ApiTruthEnabled=false");
        Assert.True(off == 0, offLog);
        Assert.DoesNotContain("APITRUTH", offLog, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("hook", "uninstall", "--root", _sample.Root)).Exit);
        Assert.False(File.Exists(_sample.PathOf("Directory.Build.targets"))); // it held only the import
        Assert.False(File.Exists(_sample.PathOf("apitruth.targets")));
        Console.WriteLine($"first build (restore, check, compile): {firstBuild.TotalSeconds:F1} s; unchanged build: {unchangedBuild.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task With_error_severity_unchanged_builds_keep_skipping_the_check()
    {
        // A clean repository (no wrong sample), the default severity: the stamp must survive IncrementalClean.
        _sample.Write("README.md", "# Sample\n\n```csharp\nvar text = JsonConvert.SerializeObject(1);\n```\n");
        var command = $"dotnet \"{SampleSolution.CliDll()}\"";
        Assert.Equal(0, (await RunAsync("hook", "install", "--msbuild", "--root", _sample.Root, "--command", command)).Exit);
        var (first, firstLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "q");
        Assert.True(first == 0, firstLog);
        var stamp = _sample.PathOf("src/App/obj/Debug/net8.0/apitruth.stamp");
        Assert.True(File.Exists(stamp));
        var stampTime = File.GetLastWriteTimeUtc(stamp);
        for (var i = 0; i < 2; i++)
        {
            var (again, againLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "n");
            Assert.True(again == 0, againLog);
            Assert.Contains("Skipping target \"ApiTruthCheck\" because all output files are up-to-date", againLog, StringComparison.Ordinal);
            Assert.DoesNotContain("check --project", againLog, StringComparison.Ordinal);
            Assert.True(File.Exists(stamp), $"build {i + 2} deleted the stamp");
            Assert.Equal(stampTime, File.GetLastWriteTimeUtc(stamp));
        }

        // A build with the hook switched off keeps the stamp too: the next build with it on still skips the check.
        var (off, offLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "q", "-p:ApiTruthEnabled=false");
        Assert.True(off == 0, offLog);
        Assert.True(File.Exists(stamp), "a build with ApiTruthEnabled=false deleted the stamp");
        var (on, onLog) = await _sample.DotnetAsync("build", "Sample.sln", "-nologo", "-v", "n");
        Assert.True(on == 0, onLog);
        Assert.Contains("Skipping target \"ApiTruthCheck\" because all output files are up-to-date", onLog, StringComparison.Ordinal);
        Assert.Equal(stampTime, File.GetLastWriteTimeUtc(stamp));
    }

    [Fact]
    public async Task Uninstall_keeps_the_rest_of_an_existing_Directory_Build_targets()
    {
        var targets = _sample.Write("Directory.Build.targets", "<Project>\n  <PropertyGroup><Mine>1</Mine></PropertyGroup>\n</Project>\n");
        Assert.Equal(0, (await RunAsync("hook", "install", "--root", _sample.Root, "--command", "apitruth")).Exit);
        Assert.Contains("apitruth.targets", File.ReadAllText(targets), StringComparison.Ordinal);
        Assert.Contains("<ApiTruthCommand Condition=\"'$(ApiTruthCommand)' == ''\">apitruth</ApiTruthCommand>", File.ReadAllText(_sample.PathOf("apitruth.targets")), StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("hook", "uninstall", "--root", _sample.Root)).Exit);
        var after = File.ReadAllText(targets);
        Assert.Contains("<Mine>1</Mine>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("apitruth", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Git_hook_refuses_a_foreign_hook_without_force_and_keeps_a_backup()
    {
        Directory.CreateDirectory(_sample.PathOf(".git/hooks"));
        var hook = _sample.Write(".git/hooks/pre-commit", "#!/bin/sh\necho mine\n");
        var (refused, _, err) = await RunAsync("hook", "install", "--git", "--root", _sample.Root, "--command", "apitruth");
        Assert.Equal(2, refused);
        Assert.Contains("--force", err, StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho mine\n", File.ReadAllText(hook));

        Assert.Equal(0, (await RunAsync("hook", "install", "--git", "--force", "--root", _sample.Root, "--command", "apitruth")).Exit);
        Assert.Contains("apitruth check --project . --staged", File.ReadAllText(hook), StringComparison.Ordinal);
        Assert.Equal("#!/bin/sh\necho mine\n", File.ReadAllText(hook + ".apitruth-backup"));
        Assert.Equal(0, (await RunAsync("hook", "install", "--git", "--root", _sample.Root, "--command", "apitruth")).Exit); // its own hook: replaced freely

        Assert.Equal(0, (await RunAsync("hook", "uninstall", "--git", "--root", _sample.Root)).Exit);
        Assert.Equal("#!/bin/sh\necho mine\n", File.ReadAllText(hook));
    }
}
