using System.Collections.Concurrent;

namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// One shared task per key, so concurrent callers asking for the same thing share one download or listing.
/// A failed or cancelled task is dropped, so a later call tries again. The shared work should run under a
/// token owned by the cache's owner; each caller only stops waiting when its own token fires.
/// </summary>
internal sealed class AsyncCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Lazy<Task<TValue>>> _entries;

    public AsyncCache(IEqualityComparer<TKey>? comparer = null) => _entries = new(comparer);

    public async Task<TValue> GetAsync(TKey key, Func<TKey, Task<TValue>> factory, CancellationToken ct)
    {
        var lazy = _entries.GetOrAdd(key, k => new Lazy<Task<TValue>>(() => factory(k)));
        try
        {
            return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<TKey, Lazy<Task<TValue>>>(key, lazy));
            throw;
        }
    }
}
