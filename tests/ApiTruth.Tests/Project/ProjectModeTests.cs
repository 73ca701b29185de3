using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Project;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Tests.Project;

/// <summary><c>check --project</c> over a real sample solution: files, companions, docs, faults, cache, upgrade preview.</summary>
public sealed class ProjectModeTests : IDisposable
{
    private readonly SampleSolution _sample = new();
    private readonly string _cache = Directory.CreateTempSubdirectory("apitruth-cache-").FullName;
    private readonly ApiTruth.Indexer.Feeds.PackageFeed _feed = ApiTruth.Indexer.Feeds.PackageFeed.FromConfiguration();
    private readonly FeedReferenceResolver _resolver;

    public ProjectModeTests() => _resolver = new FeedReferenceResolver(_feed);

    public void Dispose()
    {
        _feed.Dispose();
        _sample.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    private Task<ProjectCheckResult> RunAsync(ProjectCheckRequest request) =>
        new ProjectCheck(new ApiChecker(_resolver), _resolver).RunAsync(request, CancellationToken.None);

    [Fact]
    public async Task Solution_checks_each_project_and_the_README_against_the_nearest_project_pins()
    {
        var result = await RunAsync(new ProjectCheckRequest(_sample.PathOf("Sample.sln")));
        Assert.Empty(result.Problems);
        Assert.Equal(["App.csproj", "Lib.csproj"], result.Reports.Select(r => Path.GetFileName(r.Project)).Order(StringComparer.Ordinal));
        var app = Assert.Single(result.Reports, r => r.Project.EndsWith("App.csproj", StringComparison.Ordinal)).Report;
        Assert.Equal("net8.0", app.Framework);
        Assert.Contains(app.Packages, p => p.Id == "Newtonsoft.Json" && p.Version == "13.0.3");
        var problem = Assert.Single(app.Findings, f => f.Verdict.IsProblem());
        Assert.Equal(("DeserializeObjectAsync", Verdict.Missing, SampleSolution.ReadmeLine, SampleSolution.ReadmeColumn),
            (problem.Name, problem.Verdict, problem.Line, problem.Column));
        Assert.Equal(_sample.PathOf("README.md"), problem.Path);
        // Greeter comes from the referenced project's sources: the project's own code, not an API reference to judge (nor a missing one).
        Assert.DoesNotContain(app.Findings, f => f.Name is "Greet" or "Greeter" && (f.Verdict.IsProblem() || f.Path.EndsWith("Program.cs", StringComparison.Ordinal)));
        Assert.Contains(app.Findings, f => f.Name == "SerializeObject" && f.Verdict == Verdict.Exists && f.PackageVersion == "13.0.3");
        var lib = Assert.Single(result.Reports, r => r.Project.EndsWith("Lib.csproj", StringComparison.Ordinal)).Report;
        Assert.DoesNotContain(lib.Findings, f => f.Path.EndsWith("README.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Compile_Remove_obj_and_bin_are_honoured_and_a_broken_project_or_file_does_not_stop_the_rest()
    {
        _sample.Write("src/App/obj/Generated.cs", "class G { void M() => Newtonsoft.Json.JsonConvert.Nope(); }");
        _sample.Write("src/App/bin/Old.cs", "class O { void M() => Newtonsoft.Json.JsonConvert.Nope(); }");
        _sample.Write("src/App/Excluded/Skip.cs", "class S { void M() => Newtonsoft.Json.JsonConvert.Nope(); }");
        _sample.Write("src/App/App.csproj", File.ReadAllText(_sample.PathOf("src/App/App.csproj"))
            .Replace("</Project>", "  <ItemGroup><Compile Remove=\"Excluded/**\" /></ItemGroup>\n</Project>", StringComparison.Ordinal));
        File.WriteAllBytes(_sample.PathOf("src/App/Binary.cs"), [0x4D, 0x5A, 0x00, 0x01]);
        _sample.Write("src/Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">");

        var app = MsBuildProject.Load(_sample.PathOf("src/App/App.csproj"));
        Assert.Equal([_sample.PathOf("src/App/Binary.cs"), _sample.PathOf("src/App/Program.cs")], app.CompileFiles);
        Assert.Equal([_sample.PathOf("src/Lib/Lib.csproj")], app.ProjectReferences);

        var result = await RunAsync(new ProjectCheckRequest(_sample.Root)); // a folder with one .sln: its projects, with docs
        Assert.Contains(result.Problems, p => p.Path == _sample.PathOf("src/App/Binary.cs") && p.Message.Contains("binary", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Reports.SelectMany(r => r.Report.Findings), f => f.Name == "Nope");
        Assert.Contains(result.Reports.SelectMany(r => r.Report.Findings), f => f.Name == "DeserializeObjectAsync");

        var folder = await RunAsync(new ProjectCheckRequest(_sample.PathOf("src"))); // no solution there: every project below
        Assert.Contains(folder.Problems, p => p.Path == _sample.PathOf("src/Broken/Broken.csproj") && p.Message.Contains("not a valid project file", StringComparison.Ordinal));
        Assert.Contains(folder.Reports, r => r.Project.EndsWith("App.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unchanged_rerun_comes_from_the_cache_and_an_edit_invalidates_it()
    {
        var request = new ProjectCheckRequest(_sample.PathOf("src/App/App.csproj"), Docs: true, DocsRoot: _sample.Root, Cache: new ProjectCheckCache(_cache));
        var first = await RunAsync(request);
        Assert.All(first.Reports, r => Assert.False(r.FromCache));
        var second = await RunAsync(request);
        var report = Assert.Single(second.Reports);
        Assert.True(report.FromCache);
        Assert.Equal(first.Reports[0].Report.Findings.Select(Summary), report.Report.Findings.Select(Summary));

        _sample.Write("src/App/Program.cs", File.ReadAllText(_sample.PathOf("src/App/Program.cs")) + "\nConsole.WriteLine(JsonConvert.SerializeObjectAsync(1));\n");
        var third = await RunAsync(request);
        Assert.False(Assert.Single(third.Reports).FromCache);
        Assert.Contains(third.Reports[0].Report.Findings, f => f.Name == "SerializeObjectAsync" && f.Verdict == Verdict.Missing && f.Line == 6);
    }

    private static string Summary(Finding f) =>
        $"{f.Path}:{f.Line}:{f.Column} {f.Name} {f.Verdict} {f.Evidence} {f.Symbol} {f.Message} {string.Join("|", f.History)} {string.Join("|", f.Suggestions)}";

    [Fact]
    public async Task Upgrade_preview_lists_the_calls_that_would_break()
    {
        // SerializeObjectAsync exists (obsolete) in 9.0.1 and is gone from 11.0.1 on.
        _sample.Write("Directory.Packages.props", File.ReadAllText(_sample.PathOf("Directory.Packages.props")).Replace("13.0.3", "9.0.1", StringComparison.Ordinal));
        _sample.Write("src/App/Later.cs", "using Newtonsoft.Json;\nstatic class Later\n{\n    public static object Run() => JsonConvert.SerializeObjectAsync(1);\n}\n");
        var request = new ProjectCheckRequest(_sample.PathOf("src/App/App.csproj"), Docs: false);
        var before = await RunAsync(request);
        var after = await RunAsync(request with { Upgrades = [CheckCommand.ParsePin("Newtonsoft.Json@13.0.3")] });
        var breaks = UpgradePreview.Breaks(before, after).ToList();
        var broken = Assert.Single(breaks);
        Assert.Equal(("SerializeObjectAsync", 4), (broken.Name, broken.Line));
        Assert.Contains(after.Reports[0].Report.Packages, p => p.Id == "Newtonsoft.Json" && p.Version == "13.0.3");
    }
}
