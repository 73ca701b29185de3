using System.Diagnostics;
using ApiTruth.Cli.Commands;
using ApiTruth.Launcher;
using ApiTruth.Tests.History;
using ApiTruth.Tests.Storage;

namespace ApiTruth.Tests.Launcher;

/// <summary>
/// The published launcher: what it answers itself must be the full CLI's answer byte for byte (the full CLI, run as a
/// process, is the reference), and everything else must reach the full CLI unchanged.
/// </summary>
[Collection(RealIndexCollection.Name)]
public sealed class LauncherTests(RealIndexFixture fixture)
{
    private static readonly string FullCliDll = typeof(ApiTruth.Cli.Program).Assembly.Location;
    private static readonly string LauncherDll = typeof(ApiTruth.Launcher.Program).Assembly.Location;

    public static TheoryData<string[]> Answered =>
    [
        ["history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync"],
        ["history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync<T>(string)", "--format", "json"],
        ["history", "--all-frameworks", "Serilog", "Serilog.Events.LogEvent.TraceId"],
        ["history", "--framework=Enumerable.Chunk", "--format=json"],
        ["history", "Enumerable.CountBy", "--framework", "net8.0"],
        ["history", "Newtonsoft.Json", "JsonConvert.DeserializeObjectAsnyc"],
        ["find", "JsonConvert"],
        ["find", "LogEvent.TraceId", "--format", "json", "--limit", "3"],
        ["find", "NoTypeOrMemberHasThisName"],
    ];

    [Theory]
    [MemberData(nameof(Answered))]
    public async Task What_the_launcher_answers_is_the_full_CLIs_answer_byte_for_byte(string[] args)
    {
        string[] withIndex = [.. args, "--index", fixture.IndexPath];
        var output = new StringWriter();
        var exit = IndexQueries.TryAnswer(withIndex, output);
        Assert.NotNull(exit);

        var full = await RunAsync("dotnet", [FullCliDll, .. withIndex]);
        Assert.Equal("", full.Error);
        Assert.Equal(full.Exit, exit);
        Assert.Equal(full.Output, output.ToString());
        Assert.Equal(args.Contains("JsonConvert.DeserializeObjectAsnyc") || args.Contains("NoTypeOrMemberHasThisName") ? 1 : 0, exit);
    }

    public static TheoryData<string[]> LeftToTheFullCli =>
    [
        [],
        ["--version"],
        ["check", "snippet.cs"],
        ["history", "--help"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--prerelease", "false"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--no-index=true"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--since", "9.0.1"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--format", "json", "--format", "text"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--format", "sarif"],
        ["history", "Newtonsoft.Json", "JsonConvert.("],
        ["history", "Newtonsoft.Json@13.0.3", "JsonConvert"],
        ["history", "Newtonsoft.Json"],
        ["history", "Dapper", "SqlMapper.Query"],
        ["history", "Newtonsoft.Json", "JsonConvert", "--", "--format"],
        ["history", "@arguments.rsp"],
        ["find", "JsonConvert", "--limit", "0"],
        ["find", "JsonConvert", "--limit", "many"],
        ["find", "JsonConvert", "Serilog"],
    ];

    [Theory]
    [MemberData(nameof(LeftToTheFullCli))]
    public void What_the_launcher_cannot_answer_as_the_full_CLI_would_it_leaves_to_it_and_writes_nothing(string[] args)
    {
        var output = new StringWriter();
        Assert.Null(IndexQueries.TryAnswer([.. args, "--index", fixture.IndexPath], output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void An_index_that_does_not_exist_or_is_not_a_database_is_left_to_the_full_CLI()
    {
        using var temp = new TempIndex();
        var output = new StringWriter();
        Assert.Null(IndexQueries.TryAnswer(["find", "JsonConvert", "--index", temp.FilePath], output));
        File.WriteAllText(temp.FilePath, "not a database");
        Assert.Null(IndexQueries.TryAnswer(["history", "Newtonsoft.Json", "JsonConvert", "--index", temp.FilePath], output));
        Assert.Null(IndexQueries.TryAnswer(["find", "JsonConvert", "--index", temp.FilePath], output));
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task A_package_stored_a_version_at_a_time_is_answered_only_when_told_not_to_index()
    {
        using var temp = new TempIndex();
        await IndexOnDemand.RunAsync(temp.FilePath, [ApiTruth.Indexer.Indexing.PackageRequest.Parse("Newtonsoft.Json.Bson@1.0.2")], [], TextWriter.Null, "test",
            CancellationToken.None);

        // Incomplete: the full CLI completes it first, with progress, so the launcher must not answer.
        var output = new StringWriter();
        Assert.Null(IndexQueries.TryAnswer(["history", "Newtonsoft.Json.Bson", "BsonDataReader", "--index", temp.FilePath], output));
        Assert.Equal("", output.ToString());

        Assert.Equal(0, IndexQueries.TryAnswer(["history", "Newtonsoft.Json.Bson", "BsonDataReader", "--no-index", "--index", temp.FilePath], output));
        var full = new StringWriter();
        var exit = await HistoryCommand.RunAsync(new HistoryCommand.Options(["Newtonsoft.Json.Bson", "BsonDataReader"], null, false, false, true, "text", temp.FilePath),
            full, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, exit);
        Assert.Equal(full.ToString(), output.ToString());
        Assert.Contains("1.0.2", output.ToString());
        Assert.DoesNotContain("1.0.1", output.ToString());
    }

    [Fact]
    public async Task Every_other_command_line_reaches_the_full_CLI_unchanged_with_its_streams_and_exit_code()
    {
        if (OperatingSystem.IsWindows()) return; // the launcher execs: it is built for Linux and macOS only
        using var temp = new TempIndex();
        // The full CLI as an executable, as `make publish` puts it beside the launcher.
        var fullCli = Path.Combine(temp.Folder, "apitruth-full");
        File.WriteAllText(fullCli, $"#!/bin/sh\nexec dotnet '{FullCliDll}' \"$@\"\n");
        File.SetUnixFileMode(fullCli, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string> { [FullCli.EnvironmentVariable] = fullCli };

        var version = await RunAsync("dotnet", [LauncherDll, "--version"], environment);
        Assert.Equal((0, (await RunAsync("dotnet", [FullCliDll, "--version"])).Output), (version.Exit, version.Output));
        Assert.Matches(@"^\d+\.\d+", version.Output);

        // Not indexed and told not to index: the full CLI's one-line error and exit code 2.
        var refused = await RunAsync("dotnet", [LauncherDll, "history", "Dapper", "SqlMapper.Query", "--no-index", "--index", temp.FilePath], environment);
        Assert.Equal(2, refused.Exit);
        Assert.Equal("", refused.Output);
        Assert.Equal($"apitruth: Dapper is not indexed: run 'apitruth index Dapper' first.{Environment.NewLine}", refused.Error);

        // stdin reaches it too: a snippet that is not C# text.
        var stdin = await RunAsync("dotnet", [LauncherDll, "check", "-", "--offline", "--index", temp.FilePath], environment, stdin: "\0\0\0binary");
        Assert.Equal(2, stdin.Exit);
        Assert.StartsWith("apitruth: ", stdin.Error);
    }

    [Fact]
    public async Task A_missing_full_CLI_is_one_clear_line_and_exit_3()
    {
        var missing = Path.Combine(Path.GetTempPath(), "apitruth-tests", "no-such-folder", "apitruth");
        var run = await RunAsync("dotnet", [LauncherDll, "check", "snippet.cs"], new Dictionary<string, string> { [FullCli.EnvironmentVariable] = missing });
        Assert.Equal(3, run.Exit);
        Assert.Equal($"apitruth: cannot start the full CLI {missing}: No such file or directory (re-run 'make publish').{Environment.NewLine}", run.Error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? stdin = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
