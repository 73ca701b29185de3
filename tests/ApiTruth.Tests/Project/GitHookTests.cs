using System.CommandLine;
using System.Diagnostics;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Tests.Project;

/// <summary>
/// The git pre-commit hook in a real repository where the index and the working tree differ: it must judge what
/// the commit will hold (the staged blob), not the file on disk.
/// </summary>
public sealed class GitHookTests : IDisposable
{
    private const string Good = """
        using Newtonsoft.Json;
        using Sample.Lib;

        var text = JsonConvert.SerializeObject(new { Message = Greeter.Greet("staged") });
        Console.WriteLine(text);
        """;

    // DeserializeObjectAsync is not in Newtonsoft.Json 13.0.3 (line 4, column 24).
    private const string Bad = """
        using Newtonsoft.Json;
        using Sample.Lib;

        var text = JsonConvert.DeserializeObjectAsync<string>(Greeter.Greet("staged"));
        Console.WriteLine(text);
        """;

    private readonly SampleSolution _sample = new();
    private readonly string _cache = Directory.CreateTempSubdirectory("apitruth-cache-").FullName;

    public GitHookTests()
    {
        Git("init", "-q");
        Git("config", "user.email", "test@example.com");
        Git("config", "user.name", "Test");
        Git("config", "commit.gpgsign", "false");
        Git("add", "-A");
        Git("commit", "-q", "-m", "sample");
        var command = $"dotnet \"{SampleSolution.CliDll()}\"";
        var root = new RootCommand();
        root.Subcommands.Add(HookCommand.Create());
        var error = new StringWriter();
        var exit = root.Parse(["hook", "install", "--git", "--root", _sample.Root, "--command", command])
            .Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = error });
        Assert.True(exit == 0, error.ToString());
    }

    public void Dispose()
    {
        _sample.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public void A_bad_staged_call_fails_the_commit_even_when_the_working_tree_is_fixed()
    {
        _sample.Write("src/App/Program.cs", Bad);
        Git("add", "src/App/Program.cs");
        _sample.Write("src/App/Program.cs", Good); // fixed on disk, not staged

        var (exit, output) = Run("git", "commit", "-q", "-m", "bad staged");

        Assert.NotEqual(0, exit);
        Assert.Contains($"{_sample.PathOf("src/App/Program.cs")}:4:24", output, StringComparison.Ordinal);
        Assert.Contains("DeserializeObjectAsync", output, StringComparison.Ordinal);
        Assert.Equal("sample", Git("log", "-1", "--format=%s").Trim()); // nothing was committed
        // The README's wrong sample is committed already and not staged: not this commit's business.
        Assert.DoesNotContain("README.md", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_staged_file_commits_even_when_the_working_tree_has_a_bad_unstaged_edit()
    {
        _sample.Write("src/App/Program.cs", Good);
        Git("add", "src/App/Program.cs");
        _sample.Write("src/App/Program.cs", Bad); // broken on disk, not staged

        var (exit, output) = Run("git", "commit", "-q", "-m", "good staged");

        Assert.True(exit == 0, output);
        Assert.Equal("good staged", Git("log", "-1", "--format=%s").Trim());
        Assert.Equal(Good, Git("show", "HEAD:src/App/Program.cs"));
        Assert.Equal(Bad, File.ReadAllText(_sample.PathOf("src/App/Program.cs")));
    }

    [Fact]
    public void A_staged_README_sample_is_checked_from_the_index()
    {
        var readme = File.ReadAllText(_sample.PathOf("README.md"));
        _sample.Write("README.md", readme + "\nMore text.\n");
        Git("add", "README.md");
        _sample.Write("README.md", "# Sample\n\nNo code any more.\n"); // the wrong sample is gone on disk only

        var (exit, output) = Run("git", "commit", "-q", "-m", "docs");

        Assert.NotEqual(0, exit);
        Assert.Contains($"{_sample.PathOf("README.md")}:{SampleSolution.ReadmeLine}:{SampleSolution.ReadmeColumn}", output, StringComparison.Ordinal);
    }

    private string Git(params string[] args)
    {
        var (exit, output) = Run("git", args);
        Assert.True(exit == 0, $"git {string.Join(' ', args)}: {output}");
        return output;
    }

    private (int Exit, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = _sample.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["APITRUTH_CACHE"] = _cache;
        psi.Environment["APITRUTH_INDEX"] = Path.Combine(_cache, "no-index.db"); // not whatever index this machine's user has
        psi.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
