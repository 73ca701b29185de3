using System.Diagnostics;
using ApiTruth.Cli.HandOff;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.History;
using ApiTruth.Tests.Storage;

namespace ApiTruth.Tests.Checker;

/// <summary>
/// The native front and its hand-off to the full CLI. The JIT build acts as the front when <c>APITRUTH_FULL_CLI</c>
/// names a full CLI, exactly as the native build does by default; here that full CLI is a script that notes each
/// command line it is handed and runs the JIT build as the full CLI. Every answer must be the full CLI's, whichever of
/// the two gave it.
/// </summary>
[Collection(RealIndexCollection.Name)]
public sealed class HandOffTests(RealIndexFixture fixture) : IDisposable
{
    private static readonly string CliDll = typeof(ApiTruth.Cli.Program).Assembly.Location;

    private readonly TempIndex _temp = new();

    private string HandedOffLog => Path.Combine(_temp.Folder, "handed-off.log");

    private Dictionary<string, string> Front()
    {
        var fullCli = Path.Combine(_temp.Folder, "full-cli");
        File.WriteAllText(fullCli, $"#!/bin/sh\necho \"$*\" >> '{HandedOffLog}'\nexec dotnet '{CliDll}' \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(fullCli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new Dictionary<string, string> { [FullCliHandOff.EnvironmentVariable] = fullCli };
    }

    private string[] HandedOff() => File.Exists(HandedOffLog) ? File.ReadAllLines(HandedOffLog) : [];

    [Fact]
    public async Task A_check_that_needs_only_the_index_and_cached_packages_is_answered_by_the_front_itself()
    {
        var snippet = Path.Combine(_temp.Folder, "snippet.cs");
        File.WriteAllText(snippet, "var json = JsonConvert.SerializeObject(new { a = 1 });\nvar old = JsonConvert.DeserializeObjectAsync(json);\n");
        File.Copy(fixture.IndexPath, _temp.FilePath);
        string[] args = ["check", snippet, "--package", "Newtonsoft.Json@13.0.3", "--framework", "net8.0", "--format", "json", "--index", _temp.FilePath];

        // The full CLI first: it completes in the index what the pins lack and caches the reference set.
        var full = await RunAsync(args);
        Assert.Equal(1, full.Exit);
        Assert.Contains("\"verdict\": \"missing\"", full.Output);

        var front = await RunAsync(args, Front());
        Assert.Empty(HandedOff());
        Assert.Equal((full.Exit, full.Output), (front.Exit, front.Output));
    }

    [Fact]
    public async Task A_check_that_must_index_first_is_handed_off_whole_with_what_it_read_from_stdin()
    {
        const string Snippet = "using Newtonsoft.Json.Bson;\nvar reader = new BsonDataReader(System.IO.Stream.Null);\nreader.ReadRootValueAsArrayy = true;\n";
        string[] args = ["check", "-", "--package", "Newtonsoft.Json.Bson@1.0.2", "--framework", "net8.0", "--format", "json", "--index", _temp.FilePath];
        using (new IndexWriter(_temp.FilePath)) { } // an index that holds nothing yet

        var front = await RunAsync(args, Front(), stdin: Snippet);
        Assert.Equal([string.Join(' ', args)], HandedOff());
        Assert.Equal(1, front.Exit);
        Assert.Contains("not fully indexed yet", front.Error);
        Assert.Contains("\"name\": \"ReadRootValueAsArrayy\"", front.Output);
        Assert.Contains("\"verdict\": \"missing\"", front.Output);

        // Now indexed: the same check is the front's own, and the same answer.
        var again = await RunAsync(args, Front(), stdin: Snippet);
        Assert.Single(HandedOff());
        Assert.Equal((front.Exit, front.Output), (again.Exit, again.Output));
    }

    [Fact]
    public async Task Commands_that_index_or_need_the_feeds_go_to_the_full_CLI_unchanged()
    {
        string[] args = ["index", "Newtonsoft.Json.Bson@1.0.2", "--index", _temp.FilePath];
        var front = await RunAsync(args, Front());
        Assert.Equal(0, front.Exit);
        Assert.Equal([string.Join(' ', args)], HandedOff());
        Assert.Contains("Newtonsoft.Json.Bson 1.0.2", front.Output);

        // History of what is now stored a version at a time: the front would have to index the rest, so the full CLI answers.
        string[] history = ["history", "Newtonsoft.Json.Bson", "BsonDataReader", "--index", _temp.FilePath];
        var handed = await RunAsync(history, Front());
        Assert.Equal(0, handed.Exit);
        Assert.Equal(string.Join(' ', history), HandedOff()[^1]);
        Assert.Contains("1.0.1", handed.Output);

        // Complete now: answered by the front, as the full CLI answers it.
        var own = await RunAsync(history, Front());
        Assert.Equal(2, HandedOff().Length);
        Assert.Equal((handed.Exit, handed.Output), (own.Exit, own.Output));
    }

    [Fact]
    public async Task A_missing_full_CLI_is_one_clear_line_and_exit_3()
    {
        var missing = Path.Combine(_temp.Folder, "no-such-folder", "apitruth");
        var run = await RunAsync(["index", "Newtonsoft.Json.Bson@1.0.2", "--index", _temp.FilePath],
            new Dictionary<string, string> { [FullCliHandOff.EnvironmentVariable] = missing });
        Assert.Equal(3, run.Exit);
        Assert.Equal($"apitruth: cannot start the full CLI {missing}: No such file or directory (re-run 'make publish').{Environment.NewLine}", run.Error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove(FullCliHandOff.EnvironmentVariable);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => _temp.Dispose();
}
