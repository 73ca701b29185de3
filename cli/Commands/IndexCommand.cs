using System.CommandLine;
using ApiTruth.Cli.Output;
using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary><c>apitruth index</c>: packages (every served version, one version, or a range) and framework reference packs.</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var packages = new Argument<string[]>("packages")
        {
            Description = "Id (every served version), Id@Version, or Id@[range] such as Newtonsoft.Json@[12.0,14.0).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string?>("--from") { Description = "A file listing packages, one per line (# comments; 'framework:net8.0' lines add frameworks)." };
        var frameworks = new Option<string[]>("--framework") { Description = "Index a framework's reference pack, e.g. net8.0, netstandard2.0.", AllowMultipleArgumentsPerToken = true };
        var aspnet = new Option<bool>("--aspnet") { Description = "With --framework: also index the ASP.NET Core reference pack." };
        var force = new Option<bool>("--force") { Description = "Re-index versions that are already indexed." };
        var parallel = new Option<int>("--parallel") { Description = "Concurrent downloads and extractions (default: one per core)." };
        var index = CommonOptions.Index();
        var command = new Command("index", "Index every public API of package versions and framework reference packs.")
        {
            packages, from, frameworks, aspnet, force, parallel, index,
        };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetValue(packages) ?? [], parse.GetValue(from), parse.GetValue(frameworks) ?? [], parse.GetValue(aspnet),
            parse.GetValue(force), parse.GetValue(parallel), parse.GetValue(index), ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] packageArgs, string? fromFile, string[] frameworkArgs, bool aspnet, bool force,
        int parallel, string? indexPath, CancellationToken ct)
    {
        var requests = new List<PackageRequest>();
        var frameworks = new List<FrameworkRequest>();
        try
        {
            var lines = new List<string>(packageArgs);
            if (fromFile is not null)
            {
                if (!File.Exists(fromFile)) return Fail($"--from: no such file: {fromFile}");
                lines.AddRange(File.ReadAllLines(fromFile).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0));
            }
            foreach (var line in lines)
            {
                if (line.StartsWith("framework:", StringComparison.OrdinalIgnoreCase))
                    frameworks.Add(new FrameworkRequest(line["framework:".Length..].Trim(), aspnet));
                else if (ReferencePackRequest.TryMap(line, out var framework))
                    frameworks.Add(framework);
                else
                    requests.Add(PackageRequest.Parse(line));
            }
            frameworks.AddRange(frameworkArgs.Select(f => new FrameworkRequest(f, false)));
            if (aspnet) frameworks.AddRange(frameworkArgs.Select(f => new FrameworkRequest(f, true)));
        }
        catch (FormatException e)
        {
            return Fail(e.Message);
        }
        if (requests.Count == 0 && frameworks.Count == 0) return Fail("nothing to index: name packages, --from a list, or --framework.");

        var path = IndexLocation.Resolve(indexPath);
        using var feed = PackageFeed.FromConfiguration();
        var packs = new FrameworkPacks(feed);
        using var writer = new IndexWriter(path);
        var runner = new IndexRunner(feed, packs, new ReferenceSetBuilder(feed, packs), new ApiExtractor(), writer);
        IndexSummary summary;
        try
        {
            summary = await runner.RunAsync(requests, frameworks, new IndexOptions(force, parallel), new IndexProgressWriter(Console.Out), ct);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("apitruth: interrupted; every version stored so far is complete, re-run to resume.");
            return ExitCodes.Interrupted;
        }
        writer.Checkpoint();
        PrintSummary(summary, path);
        return summary.AnythingUsable ? ExitCodes.Success : ExitCodes.Usage;
    }

    private static void PrintSummary(IndexSummary summary, string path)
    {
        foreach (var error in summary.RequestErrors) Console.Error.WriteLine($"apitruth: {error}");
        foreach (var result in summary.Results.Where(r => r.Outcome is VersionOutcome.Failed or VersionOutcome.NotServed or VersionOutcome.Partial))
            Console.WriteLine($"  {result.Package} {result.Version}: {IndexProgressWriter.Describe(result)}");
        var seconds = summary.Elapsed.TotalSeconds;
        var size = File.Exists(path) ? new FileInfo(path).Length : 0;
        Console.WriteLine(
            $"indexed {summary.Count(VersionOutcome.Indexed) + summary.Count(VersionOutcome.Partial)} version(s) " +
            $"({summary.Count(VersionOutcome.Partial)} partial), skipped {summary.Count(VersionOutcome.Skipped)} already indexed, " +
            $"{summary.Count(VersionOutcome.NotServed)} not served, {summary.Count(VersionOutcome.Failed)} failed; " +
            $"{summary.ExtractedApis:N0} APIs extracted in {seconds:F1} s ({(seconds > 0 ? summary.ExtractedApis / seconds : 0):N0}/s); " +
            $"index {path} ({size / 1024.0 / 1024.0:F1} MiB)");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"apitruth: {message}");
        return ExitCodes.Usage;
    }
}
