using System.Collections.Concurrent;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Keeps each resolved reference set for the life of the checker, so that checks with the same framework and exact
/// pins (a project's files, an editor re-checking) skip resolution. As on disk, pins without a version are never
/// kept: their answer changes when the feed does.
/// </summary>
internal sealed class MemoizingReferenceResolver(IReferenceResolver inner) : IReferenceResolver
{
    private readonly ConcurrentDictionary<string, ResolvedReferences> _resolved = new(StringComparer.Ordinal);

    public async Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        if (pins.Any(p => p.Version is null)) return await inner.ResolveAsync(framework, pins, aspNetCore, ct);
        // Ids as written: the resolved set names packages the way the pins do.
        var key = $"{framework}|{aspNetCore}|" + string.Join(",", pins.Select(p => $"{p.Id}@{p.Version}").Order(StringComparer.Ordinal));
        if (_resolved.TryGetValue(key, out var known)) return known;
        var resolved = await inner.ResolveAsync(framework, pins, aspNetCore, ct);
        _resolved.TryAdd(key, resolved);
        return resolved;
    }
}
