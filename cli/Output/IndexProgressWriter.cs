using ApiTruth.Indexer.Indexing;

namespace ApiTruth.Cli.Output;

/// <summary>A one-line progress bar on a terminal; one plain line per version when redirected or in CI.</summary>
internal sealed class IndexProgressWriter(TextWriter writer) : IIndexProgress
{
    private readonly bool _interactive = Terminal.IsInteractive(writer);
    private int _lastWidth;

    public void Planned(int total)
    {
        if (total > 0 && !_interactive) writer.WriteLine($"indexing {total} version(s)");
    }

    public void Finished(VersionResult result, int done, int total)
    {
        var line = $"[{done}/{total}] {result.Package} {result.Version}: {Describe(result)}";
        if (!_interactive)
        {
            writer.WriteLine(line);
            return;
        }
        const int barWidth = 24;
        var filled = total == 0 ? barWidth : done * barWidth / total;
        var bar = $"[{new string('#', filled)}{new string('.', barWidth - filled)}] {done}/{total} {result.Package} {result.Version}";
        if (result.Outcome is VersionOutcome.Failed or VersionOutcome.NotServed)
        {
            writer.Write('\r' + new string(' ', _lastWidth) + '\r');
            writer.WriteLine(line);
        }
        writer.Write('\r' + bar.PadRight(_lastWidth));
        _lastWidth = bar.Length;
        if (done == total)
        {
            writer.Write('\r' + new string(' ', _lastWidth) + '\r');
            _lastWidth = 0;
        }
    }

    public static string Describe(VersionResult result) => result.Outcome switch
    {
        VersionOutcome.Indexed => $"{result.ApiCount:N0} APIs",
        VersionOutcome.Partial => $"{result.ApiCount:N0} APIs, partial: {result.Reason}",
        VersionOutcome.Skipped => "already indexed",
        VersionOutcome.NotServed => result.Reason ?? "not served",
        _ => $"failed: {result.Reason}",
    };
}
