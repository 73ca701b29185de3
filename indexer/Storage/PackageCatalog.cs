using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>All API variants of one package, addressable by global variant id and by doc ID.</summary>
internal sealed class PackageCatalog
{
    private readonly int[] _ids;
    private readonly ApiRecord[] _records;
    private readonly Dictionary<string, int[]> _byDocId;

    private PackageCatalog(int[] ids, ApiRecord[] records)
    {
        _ids = ids;
        _records = records;
        _byDocId = Enumerable.Range(0, records.Length)
            .GroupBy(i => records[i].DocId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    public static PackageCatalog FromSegments(IEnumerable<(int First, ApiRecord[] Records)> segments)
    {
        var ids = new List<int>();
        var records = new List<ApiRecord>();
        foreach (var (first, segment) in segments.OrderBy(s => s.First))
        {
            for (var i = 0; i < segment.Length; i++)
            {
                ids.Add(first + i);
                records.Add(segment[i]);
            }
        }
        return new PackageCatalog([.. ids], [.. records]);
    }

    public int Count => _records.Length;

    public IEnumerable<(int Id, ApiRecord Api)> All => _ids.Select((id, i) => (id, _records[i]));

    public ApiRecord? Get(int variantId)
    {
        var index = Array.BinarySearch(_ids, variantId);
        return index >= 0 ? _records[index] : null;
    }

    /// <summary>The stored variants of one doc ID (one per distinct set of facts across versions).</summary>
    public IEnumerable<(int Id, ApiRecord Api)> Find(string docId) =>
        _byDocId.TryGetValue(docId, out var indexes) ? indexes.Select(i => (_ids[i], _records[i])) : [];

    /// <summary>The APIs of an API set that belong to this package.</summary>
    public IEnumerable<ApiRecord> Resolve(IEnumerable<int> variantIds)
    {
        foreach (var id in variantIds)
            if (Get(id) is { } api) yield return api;
    }
}
