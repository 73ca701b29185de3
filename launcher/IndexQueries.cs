using System.Globalization;
using ApiTruth.History;
using ApiTruth.History.Find;
using ApiTruth.History.Index;
using ApiTruth.History.Output;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Launcher;

/// <summary>
/// The queries the launcher answers itself: <c>history</c> of a package the index holds completely (or with
/// <c>--no-index</c>) or of the framework series, and <c>find</c>. Each answer is the full CLI's, byte for byte: the same
/// request, the same query over the same reader, the same writers. Whenever the answer would be anything else (the
/// package must be indexed first, the input is wrong, the index cannot be read) the launcher answers nothing and the
/// full CLI runs instead, so that every error message and every indexing step has one implementation.
/// </summary>
internal static class IndexQueries
{
    private const int Success = 0;
    private const int Findings = 1;
    private const int InternalError = 3;

    /// <summary>The exit code after the answer was written to <paramref name="output"/>, or null when the full CLI must answer.</summary>
    public static int? TryAnswer(IReadOnlyList<string> args, TextWriter output)
    {
        var line = QueryCommandLine.TryParse(args);
        if (line is null) return null;
        var format = line.Value("--format") ?? "text";
        if (format is not ("text" or "json")) return null;
        var answer = new StringWriter(CultureInfo.InvariantCulture);
        int? exit;
        try
        {
            exit = line.Command == "history" ? History(line, format, answer) : Find(line, format, answer);
        }
        catch (Exception)
        {
            // An input error, an index that is missing, corrupt or from another ApiTruth: the full CLI says which.
            return null;
        }
        if (exit is null) return null;
        // Written only when complete and outside the try: an answer is never handed on half-written, and one that
        // cannot be written (stdout closed early, as by `| head`) is not computed again by the full CLI.
        try
        {
            output.Write(answer.ToString());
            output.Flush();
        }
        catch (IOException)
        {
            return InternalError;
        }
        return exit;
    }

    private static int? History(QueryCommandLine line, string format, TextWriter output)
    {
        var request = HistoryArguments.ToRequest(line.Positionals, line.Value("--framework"), line.Flag("--all-frameworks"), line.Flag("--prerelease"));
        var path = IndexLocation.Resolve(line.Value("--index"));
        var result = StoredHistory.TryQuery(path, request, out _, out var incomplete);
        // Not indexed, or stored a version at a time: the full CLI indexes it (with progress) before it answers.
        if (result is null || (incomplete && !line.Flag("--no-index"))) return null;
        if (format == "json") JsonOutput.Write(output, json => HistoryJsonWriter.Write(json, result));
        else HistoryTextWriter.Write(output, result);
        return result.Matches.Count > 0 ? Success : Findings;
    }

    private static int? Find(QueryCommandLine line, string format, TextWriter output)
    {
        if (line.Positionals.Count != 1) return null;
        var limit = 50;
        if (line.Value("--limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)) return null;
        var path = IndexLocation.Resolve(line.Value("--index"));
        if (!File.Exists(path)) return null;
        using var reader = new IndexReader(path);
        var result = new FindService(new IndexView(reader)).Find(new FindRequest(line.Positionals[0], line.Flag("--prerelease"), limit));
        if (format == "json") JsonOutput.Write(output, json => FindJsonWriter.Write(json, result));
        else FindTextWriter.Write(output, result);
        return result.Total > 0 ? Success : Findings;
    }
}
