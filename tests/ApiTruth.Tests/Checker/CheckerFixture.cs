using System.CommandLine;
using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Cli.Commands;
using ApiTruth.Indexer.Feeds;

namespace ApiTruth.Tests.Checker;

/// <summary>
/// One checker for all checker tests, so that each reference set (real packages from the feed) is resolved
/// and loaded once.
/// </summary>
public sealed class CheckerFixture : IDisposable
{
    private readonly PackageFeed _feed = PackageFeed.FromConfiguration();

    internal IReferenceResolver Resolver { get; }

    internal ApiChecker Checker { get; }

    public CheckerFixture()
    {
        Resolver = new FeedReferenceResolver(_feed);
        Checker = new ApiChecker(Resolver);
    }

    public void Dispose() => _feed.Dispose();

    /// <summary>Checks one snippet given as text.</summary>
    internal async Task<CheckReport> CheckAsync(string code, string framework, params string[] pins)
    {
        var request = new CheckRequest(
            [new SnippetSource("snippet.cs", code)],
            framework,
            pins.Select(CheckCommand.ParsePin).ToList());
        var reports = await Checker.CheckAsync(request, CancellationToken.None);
        return Assert.Single(reports);
    }

    /// <summary>Runs <c>apitruth check …</c> in process; returns the exit code and what it printed.</summary>
    internal async Task<(int Exit, string Out, string Err)> RunCliAsync(string[] args, string? stdin = null)
    {
        var root = new RootCommand();
        root.Subcommands.Add(CheckCommand.Create(new CheckServices(OpenIndex: (_, _) => null, Resolver: Resolver, Stdin: new StringReader(stdin ?? ""))));
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(["check", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class CheckerCollection : ICollectionFixture<CheckerFixture>
{
    public const string Name = "checker";
}

internal static class FindingAssertions
{
    /// <summary>The one finding for this name on this line.</summary>
    public static Finding At(this CheckReport report, int line, string name)
    {
        var matches = report.Findings.Where(f => f.Line == line && f.Name == name).ToList();
        Assert.True(matches.Count == 1,
            $"expected one finding '{name}' on line {line}, got {matches.Count}; findings: "
            + string.Join("; ", report.Findings.Select(f => $"{f.Line}:{f.Column} {f.Name} {f.Verdict}")));
        return matches[0];
    }

    public static IReadOnlyList<Finding> Problems(this CheckReport report) =>
        report.Findings.Where(f => f.Verdict.IsProblem()).ToList();
}
