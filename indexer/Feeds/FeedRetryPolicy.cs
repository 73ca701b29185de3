namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// How often a feed operation that failed for a transient (network) reason is tried again.
/// NuGet's HTTP layer already retries single requests; this covers whole operations (a listing, a download
/// plus extraction) that still failed, e.g. because the connection dropped midway.
/// </summary>
/// <param name="Attempts">Total attempts, at least 1.</param>
/// <param name="FirstDelay">Delay before the second attempt; doubled before each further one.</param>
internal sealed record FeedRetryPolicy(int Attempts, TimeSpan FirstDelay)
{
    public static FeedRetryPolicy Default { get; } = new(3, TimeSpan.FromSeconds(2));

    /// <summary>The delay before attempt number <paramref name="attempt"/> (2-based: the first retry).</summary>
    public TimeSpan DelayBefore(int attempt) => FirstDelay * Math.Pow(2, Math.Max(0, attempt - 2));
}
