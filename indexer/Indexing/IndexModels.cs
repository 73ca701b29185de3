namespace ApiTruth.Indexer.Indexing;

/// <summary>A framework reference pack to index: "net8.0", optionally the ASP.NET Core pack for it.</summary>
internal sealed record FrameworkRequest(string Moniker, bool AspNetCore);

/// <summary>Explicit options for one index run.</summary>
/// <param name="Force">Re-index versions that are already indexed.</param>
/// <param name="Parallelism">Concurrent downloads and extractions; 0 means one per core.</param>
internal sealed record IndexOptions(bool Force = false, int Parallelism = 0);

internal enum VersionOutcome
{
    Indexed,
    Partial,
    Skipped,
    NotServed,
    Failed,
}

/// <summary>What happened to one package version (or framework moniker) in a run.</summary>
internal sealed record VersionResult(string Package, string Version, VersionOutcome Outcome, int ApiCount, int ExtractedApis, string? Reason)
{
    public bool Stored => Outcome is VersionOutcome.Indexed or VersionOutcome.Partial;
}

/// <summary>The run's outcome, for the summary line and the exit code.</summary>
internal sealed record IndexSummary(IReadOnlyList<VersionResult> Results, IReadOnlyList<string> RequestErrors, TimeSpan Elapsed)
{
    public int Count(VersionOutcome outcome) => Results.Count(r => r.Outcome == outcome);

    public bool AnythingUsable => Results.Any(r => r.Stored || r.Outcome == VersionOutcome.Skipped);

    /// <summary>APIs read from assemblies (every asset group counted), the extraction throughput figure.</summary>
    public long ExtractedApis => Results.Sum(r => (long)r.ExtractedApis);
}

/// <summary>Receives progress as versions finish. Called from the writer loop only (one thread).</summary>
internal interface IIndexProgress
{
    void Planned(int total);

    void Finished(VersionResult result, int done, int total);
}
