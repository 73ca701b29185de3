using System.CommandLine;
using System.Text.Json;
using ApiTruth.History;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// <c>apitruth history &lt;package&gt; &lt;api&gt;</c> and <c>apitruth history --framework &lt;member&gt;</c>: in which
/// versions an API is present, absent or obsolete, and one line of conclusion.
/// </summary>
internal static class HistoryCommand
{
    internal sealed record Options(string[] Arguments, string? Framework, bool AllFrameworks, bool Prerelease, bool NoIndex, string Format, string? IndexPath);

    public static Command Create()
    {
        var arguments = new Argument<string[]>("package-and-api")
        {
            Description = "<package> <api>: api is Type.Member, Ns.Type.Member, Type.Member(string, int), Type.Method<T>, a type, or a doc ID.",
            Arity = new ArgumentArity(0, 2),
        };
        var framework = new Option<string?>("--framework")
        {
            Description = "With a package: the project's target framework (default: the newest the package supports). " +
                "Without one: the framework API to trace over framework versions, e.g. --framework Enumerable.Chunk.",
        };
        var allFrameworks = new Option<bool>("--all-frameworks") { Description = "One column per asset group instead of the one a project compiles against." };
        var prerelease = new Option<bool>("--prerelease") { Description = "Include prerelease versions." };
        var noIndex = new Option<bool>("--no-index") { Description = "Do not index a package that is not indexed yet; fail instead." };
        var format = CommonOptions.Format("text", "json");
        var index = CommonOptions.Index();
        var command = new Command("history", "Which versions have an API: present, absent or obsolete per version, and when it was introduced or removed.")
        {
            arguments, framework, allFrameworks, prerelease, noIndex, format, index,
        };
        command.SetAction((parse, ct) => RunAsync(
            new Options(parse.GetValue(arguments) ?? [], parse.GetValue(framework), parse.GetValue(allFrameworks), parse.GetValue(prerelease),
                parse.GetValue(noIndex), parse.GetValue(format)!, parse.GetValue(index)),
            Console.Out, Console.Error, ct));
        return command;
    }

    internal static async Task<int> RunAsync(Options options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        HistoryRequest request;
        try
        {
            request = HistoryArguments.ToRequest(options.Arguments, options.Framework, options.AllFrameworks, options.Prerelease);
        }
        catch (HistoryInputException e)
        {
            return Fail(error, e.Message);
        }
        var path = IndexLocation.Resolve(options.IndexPath);
        try
        {
            var result = StoredHistory.TryQuery(path, request, out var notIndexed, out var incomplete);
            // A package stored a version at a time (or by a run cut short) is completed first: its history would miss versions.
            if (result is null || (incomplete && !options.NoIndex))
            {
                if (result is null && options.NoIndex) return Fail(error, notIndexed!.Message);
                var problem = request.Package is null || FrameworkSeries.IsSeries(request.Package)
                    ? await IndexOnDemand.IndexFrameworksAsync(path, FrameworkSeries.Monikers, error, ct)
                    : await IndexOnDemand.IndexAsync(path, [PackageRequest.Parse(request.Package)], error, ct);
                if (problem is not null)
                {
                    if (result is null) return Fail(error, problem);
                    error.WriteLine($"apitruth: {problem}; the history shows the versions indexed so far.");
                }
                else
                {
                    result = StoredHistory.TryQuery(path, request, out notIndexed, out _) ?? throw notIndexed!;
                }
            }
            Write(output, result, options.Format);
            return result.Matches.Count > 0 ? ExitCodes.Success : ExitCodes.Findings;
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

    private static void Write(TextWriter output, HistoryResult result, string format)
    {
        if (format == "json") WriteJson(output, result);
        else HistoryTextWriter.Write(output, result);
    }

    // A method of its own: a method that makes the JSON callback loads System.Text.Json before it runs, even for text.
    private static void WriteJson(TextWriter output, HistoryResult result) =>
        JsonOutput.Write(output, json => HistoryJsonWriter.Write(json, result));

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"apitruth: {message}");
        return ExitCodes.Usage;
    }
}
