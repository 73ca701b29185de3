using ApiTruth.Cli.HandOff;
using ApiTruth.Cli.Output;
using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// Indexes what a history or diff query needs when the index lacks it, with progress on stderr so that
/// stdout stays the answer (JSON included). Returns null when something usable was stored, else the reason.
/// </summary>
internal static class IndexOnDemand
{
    public static Task<string?> IndexAsync(string indexPath, IReadOnlyList<PackageRequest> packages, TextWriter progress, CancellationToken ct) =>
        RunAsync(indexPath, packages, [], progress, "--no-index turns this off", ct);

    public static Task<string?> IndexFrameworksAsync(string indexPath, IReadOnlyList<string> monikers, TextWriter progress, CancellationToken ct) =>
        RunAsync(indexPath, [], monikers.Select(m => new FrameworkRequest(m, false)).ToList(), progress, "--no-index turns this off", ct);

    /// <param name="howToAvoid">The option that turns indexing on demand off, for the first progress line.</param>
    public static async Task<string?> RunAsync(string indexPath, IReadOnlyList<PackageRequest> packages, IReadOnlyList<FrameworkRequest> frameworks,
        TextWriter progress, string howToAvoid, CancellationToken ct)
    {
        FullCliHandOff.Require("indexing");
        var what = string.Join(", ", packages.Select(p => p.ToString()).Concat(frameworks.Select(f => f.Moniker)));
        progress.WriteLine($"apitruth: {what} not fully indexed yet: indexing {(packages.Any(p => p.ExactVersion is null) ? "every served version " : "")}first ({howToAvoid}).");
        using var feed = PackageFeed.FromConfiguration();
        var packs = new FrameworkPacks(feed);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(indexPath))!);
        IndexSummary summary;
        using (var writer = new IndexWriter(indexPath))
        {
            var runner = new IndexRunner(feed, packs, new ReferenceSetBuilder(feed, packs), new ApiExtractor(), writer);
            summary = await runner.RunAsync(packages, frameworks, new IndexOptions(), new IndexProgressWriter(progress), ct).ConfigureAwait(false);
            writer.Checkpoint();
        }
        foreach (var error in summary.RequestErrors) progress.WriteLine($"apitruth: {error}");
        var stored = summary.Results.Count(r => r.Stored);
        var failed = summary.Results.Count(r => r.Outcome is VersionOutcome.Failed or VersionOutcome.NotServed);
        progress.WriteLine($"apitruth: indexed {stored} version(s){(failed > 0 ? $", {failed} could not be indexed" : "")} in {summary.Elapsed.TotalSeconds:F1} s.");
        if (summary.AnythingUsable) return null;
        return summary.RequestErrors.FirstOrDefault()
            ?? summary.Results.FirstOrDefault(r => r.Reason is not null)?.Reason
            ?? $"nothing could be indexed for {what}";
    }
}
