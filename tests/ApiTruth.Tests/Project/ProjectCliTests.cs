using System.CommandLine;
using System.Text.Json;
using ApiTruth.Checker.Binding;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Tests.Project;

/// <summary><c>apitruth check --project</c> as the command line runs it: the upgrade preview's formats and the stored output of an unchanged re-run.</summary>
public sealed class ProjectCliTests : IDisposable
{
    private readonly SampleSolution _sample = new();
    private readonly string _cache = Directory.CreateTempSubdirectory("apitruth-cache-").FullName;
    private readonly ApiTruth.Indexer.Feeds.PackageFeed _feed = ApiTruth.Indexer.Feeds.PackageFeed.FromConfiguration();

    public void Dispose()
    {
        _feed.Dispose();
        _sample.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    private async Task<(int Exit, string Out, string Err)> CheckAsync(params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(CheckCommand.Create(new CheckServices(OpenIndex: (_, _) => null, Resolver: new FeedReferenceResolver(_feed))));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(["check", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private void PinOldNewtonsoftWithAnObsoleteCall()
    {
        // SerializeObjectAsync exists (obsolete) in 9.0.1 and is gone from 11.0.1 on.
        _sample.Write("Directory.Packages.props", File.ReadAllText(_sample.PathOf("Directory.Packages.props")).Replace("13.0.3", "9.0.1", StringComparison.Ordinal));
        _sample.Write("src/App/Later.cs", "using Newtonsoft.Json;\nstatic class Later\n{\n    public static object Run() => JsonConvert.SerializeObjectAsync(1);\n}\n");
    }

    [Fact]
    public async Task Upgrade_preview_as_json_lists_each_break_with_its_framework()
    {
        PinOldNewtonsoftWithAnObsoleteCall();
        var (exit, json, err) = await CheckAsync("--project", _sample.PathOf("src/App/App.csproj"), "--no-docs", "--no-cache",
            "--upgrade", "Newtonsoft.Json@13.0.3", "--format", "json");

        Assert.True(exit == 1, err);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var upgrade = Assert.Single(root.GetProperty("upgrades").EnumerateArray());
        Assert.Equal(("Newtonsoft.Json", "13.0.3"), (upgrade.GetProperty("id").GetString(), upgrade.GetProperty("version").GetString()));
        var broken = Assert.Single(root.GetProperty("breaks").EnumerateArray());
        Assert.Equal("SerializeObjectAsync", broken.GetProperty("name").GetString());
        Assert.Equal(4, broken.GetProperty("line").GetInt32());
        Assert.Equal(_sample.PathOf("src/App/Later.cs"), broken.GetProperty("path").GetString());
        Assert.Equal("missing", broken.GetProperty("verdict").GetString());
        Assert.Equal("net8.0", broken.GetProperty("framework").GetString());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("breaks").GetInt32());
        Assert.Equal(root.GetProperty("obsolete").GetArrayLength(), root.GetProperty("summary").GetProperty("obsolete").GetInt32());
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("msbuild")]
    public async Task Upgrade_preview_refuses_formats_it_has_no_shape_for(string format)
    {
        var (exit, output, err) = await CheckAsync("--project", _sample.PathOf("src/App/App.csproj"), "--no-docs", "--no-cache",
            "--upgrade", "Newtonsoft.Json@13.0.3", "--format", format);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal($"apitruth: --upgrade prints a preview: use --format text or json, not {format}", err.Trim());
    }

    [Fact]
    public async Task An_unchanged_rerun_prints_the_stored_output_and_any_edit_checks_again()
    {
        string[] args = ["--project", _sample.PathOf("Sample.sln"), "--cache-dir", _cache, "--format", "json"];
        var first = await CheckAsync(args);
        Assert.True(first.Exit == 1, first.Err); // the README's wrong sample
        Assert.Single(Directory.GetFiles(_cache, "*.meta"));

        var second = await CheckAsync(args);
        Assert.Equal(first, second);

        // The stored output is what is printed: proven by what no check could produce.
        var stored = Directory.GetFiles(_cache, "*.out").Single();
        var text = File.ReadAllText(stored);
        File.WriteAllText(stored, text.Replace("DeserializeObjectAsync", "StoredOutputMarker", StringComparison.Ordinal));
        Assert.Contains("StoredOutputMarker", (await CheckAsync(args)).Out, StringComparison.Ordinal);

        // Another format is another output.
        var text2 = await CheckAsync([.. args[..^2], "--format", "msbuild"]);
        Assert.Contains($"{_sample.PathOf("README.md")}({SampleSolution.ReadmeLine},{SampleSolution.ReadmeColumn}): error APITRUTH001", text2.Out, StringComparison.Ordinal);

        // An edit anywhere in the compilation (here the referenced project's source) is a new plan: checked again.
        _sample.Write("src/Lib/Greeter.cs", File.ReadAllText(_sample.PathOf("src/Lib/Greeter.cs")) + "\n// edited\n");
        var third = await CheckAsync(args);
        Assert.Equal(1, third.Exit);
        Assert.DoesNotContain("StoredOutputMarker", third.Out, StringComparison.Ordinal);
        Assert.Contains("DeserializeObjectAsync", third.Out, StringComparison.Ordinal);
    }
}
