using System.CommandLine;
using ApiTruth.History;
using ApiTruth.History.Diff;
using ApiTruth.History.Index;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary><c>apitruth diff &lt;package&gt; &lt;from&gt; &lt;to&gt;</c>: APIs added, removed and changed between two versions.</summary>
internal static class DiffCommand
{
    internal sealed record Options(string Package, string From, string To, string? Framework, bool Breaking, bool NoIndex, string Format, string? IndexPath);

    public static Command Create()
    {
        var package = new Argument<string>("package") { Description = "A package id, or '.NET' / 'ASP.NET Core' to compare framework versions (net6.0 net8.0)." };
        var from = new Argument<string>("from") { Description = "The old version." };
        var to = new Argument<string>("to") { Description = "The new version." };
        var framework = new Option<string?>("--framework") { Description = "The project's target framework (default: the newest the later version supports)." };
        var breaking = new Option<bool>("--breaking") { Description = "Only what can break a caller: removals and breaking changes." };
        var noIndex = new Option<bool>("--no-index") { Description = "Do not index versions that are not indexed yet; fail instead." };
        var format = CommonOptions.Format("text", "json");
        var index = CommonOptions.Index();
        var command = new Command("diff", "APIs added, removed and changed (return type, defaults, obsolete, static) between two versions, by namespace and type.")
        {
            package, from, to, framework, breaking, noIndex, format, index,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Options(parse.GetValue(package)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(framework), parse.GetValue(breaking),
                parse.GetValue(noIndex), parse.GetValue(format)!, parse.GetValue(index)),
            Console.Out, Console.Error, ct));
        return command;
    }

    internal static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var path = IndexLocation.Resolve(options.IndexPath);
        var request = new DiffRequest(options.Package, options.From, options.To, options.Framework, options.Breaking);
        try
        {
            var result = TryDiff(path, request, out var notIndexed);
            if (result is null)
            {
                if (options.NoIndex || notIndexed is VersionNotIndexedException { Message: var m } && m.Contains(" (failed", StringComparison.Ordinal))
                    return Fail(error, notIndexed!.Message);
                var problem = FrameworkSeries.IsSeries(options.Package)
                    ? await IndexOnDemand.IndexFrameworksAsync(path, [options.From, options.To], error, ct)
                    : await IndexOnDemand.IndexAsync(path, [PackageRequest.Parse($"{options.Package}@{options.From}"), PackageRequest.Parse($"{options.Package}@{options.To}")], error, ct);
                if (problem is not null) return Fail(error, problem);
                result = TryDiff(path, request, out notIndexed) ?? throw notIndexed!;
            }
            if (options.Format == "json") JsonOutput.Write(output, json => DiffJsonWriter.Write(json, result));
            else DiffTextWriter.Write(output, result);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is HistoryInputException or FormatException or InvalidDataException)
        {
            return Fail(error, e.Message);
        }
        catch (Exception e) when (SqliteErrors.Is(e))
        {
            return Fail(error, $"cannot read the index {path}: {e.Message} (re-create it with 'apitruth index').");
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("apitruth: interrupted; every version stored so far is complete, re-run to resume.");
            return 130;
        }
    }

    /// <summary>The diff, or null (with the reason) when the package or one of the versions is not indexed.</summary>
    private static DiffResult? TryDiff(string path, DiffRequest request, out HistoryInputException? notIndexed)
    {
        notIndexed = null;
        if (!File.Exists(path))
        {
            notIndexed = new PackageNotIndexedException(request.Package, []);
            return null;
        }
        using var reader = new IndexReader(path);
        try
        {
            return new DiffService(new IndexView(reader)).Diff(request);
        }
        catch (Exception e) when (e is PackageNotIndexedException or VersionNotIndexedException)
        {
            notIndexed = (HistoryInputException)e;
            return null;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"apitruth: {message}");
        return ExitCodes.Usage;
    }
}
