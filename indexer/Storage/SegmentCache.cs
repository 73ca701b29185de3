namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Text worked out once per catalog segment and shared by every thread that decodes it. A dictionary under a lock
/// rather than a ConcurrentDictionary: a one-shot query decodes a handful of records, and loading System.Collections.Concurrent
/// and its tables for them cost more than the lookups.
/// </summary>
internal sealed class SegmentCache<TValue>
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TValue> _values = new(StringComparer.Ordinal);

    /// <summary>The value for <paramref name="key"/>; <paramref name="create"/> runs outside the lock, and the first value stored wins.</summary>
    public TValue GetOrAdd<TArgument>(string key, Func<string, TArgument, TValue> create, TArgument argument)
    {
        lock (_gate)
            if (_values.TryGetValue(key, out var cached)) return cached;
        var value = create(key, argument);
        lock (_gate)
        {
            if (_values.TryGetValue(key, out var first)) return first;
            _values[key] = value;
            return value;
        }
    }
}
