using System.CommandLine;
using ApiTruth.History;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary><c>apitruth find &lt;name&gt;</c>: every indexed package and framework that defines a type or member with that name.</summary>
internal static class FindCommand
{
    internal sealed record Options(string Name, bool Prerelease, int Limit, string Format, string? IndexPath);

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "A type or member name (Policy), Type.Member, a qualified name, or a doc ID; case is ignored." };
        var prerelease = new Option<bool>("--prerelease") { Description = "Include prerelease versions." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many matches, best first.", DefaultValueFactory = _ => 50 };
        var format = CommonOptions.Format("text", "json");
        var index = CommonOptions.Index();
        var command = new Command("find", "Which indexed packages (and frameworks) define a type or member with a name, and in which versions.")
        {
            name, prerelease, limit, format, index,
        };
        command.SetAction((parse, ct) => Task.FromResult(Run(
            new Options(parse.GetValue(name)!, parse.GetValue(prerelease), parse.GetValue(limit), parse.GetValue(format)!, parse.GetValue(index)),
            Console.Out, Console.Error)));
        return command;
    }

    internal static int Run(Options options, TextWriter output, TextWriter error)
    {
        if (options.Limit < 1) return Fail(error, "--limit must be at least 1.");
        try
        {
            using var reader = new IndexReader(IndexLocation.Resolve(options.IndexPath));
            var result = new FindService(new IndexView(reader)).Find(new FindRequest(options.Name, options.Prerelease, options.Limit));
            if (options.Format == "json") WriteJson(output, result);
            else FindTextWriter.Write(output, result);
            return result.Total > 0 ? ExitCodes.Success : ExitCodes.Findings;
        }
        catch (Exception e) when (e is HistoryInputException or FormatException or InvalidDataException or IndexNotFoundException)
        {
            return Fail(error, e.Message);
        }
        catch (Exception e) when (SqliteErrors.Is(e))
        {
            return Fail(error, $"cannot read the index {IndexLocation.Resolve(options.IndexPath)}: {e.Message} (re-create it with 'apitruth index').");
        }
    }

    // A method of its own: a method that makes the JSON callback loads System.Text.Json before it runs, even for text.
    private static void WriteJson(TextWriter output, FindResult result) =>
        JsonOutput.Write(output, json => FindJsonWriter.Write(json, result));

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"apitruth: {message}");
        return ExitCodes.Usage;
    }
}
