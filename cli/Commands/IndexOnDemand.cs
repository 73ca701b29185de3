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
    /// <summary>The framework series history indexes when none is indexed: the monikers issue 3 names.</summary>
    public static readonly IReadOnlyList<string> DefaultFrameworks =
        ["netstandard2.0", "netstandard2.1", "net5.0", "net6.0", "net7.0", "net8.0", "net9.0", "net10.0"];

    public static Task<string?> IndexAsync(string indexPath, IReadOnlyList<PackageRequest> packages, TextWriter progress, CancellationToken ct) =>
        RunAsync(indexPath, packages, [], progress, ct);

    public static Task<string?> IndexFrameworksAsync(string indexPath, IReadOnlyList<string> monikers, TextWriter progress, CancellationToken ct) =>
        RunAsync(indexPath, [], monikers.Select(m => new FrameworkRequest(m, false)).ToList(), progress, ct);

    private static async Task<string?> RunAsync(string indexPath, IReadOnlyList<PackageRequest> packages, IReadOnlyList<FrameworkRequest> frameworks,
        TextWriter progress, CancellationToken ct)
    {
        var what = string.Join(", ", packages.Select(p => p.ToString()).Concat(frameworks.Select(f => f.Moniker)));
        progress.WriteLine($"apitruth: {what} not indexed yet: indexing every served version first (--no-index turns this off).");
        using var feed = PackageFeed.FromConfiguration();
        var packs = new FrameworkPacks(feed);
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
