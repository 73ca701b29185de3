using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Tests.Storage;

/// <summary>Encodes records as one catalog segment of a new package and decodes them again, as writer and reader do.</summary>
internal static class CatalogRoundTrip
{
    public static ApiRecord[] Decode(IReadOnlyList<ApiRecord> sortedRecords, ScopeFacts? scopes = null)
    {
        var writerNames = new CatalogNames();
        var segment = CatalogCodec.Encode(sortedRecords, writerNames, (scopes ?? ScopeFacts.From(sortedRecords)).For(sortedRecords));
        var readerNames = new CatalogNames();
        readerNames.Append(CatalogNames.Decode(segment.Names));
        var found = new List<(int Index, ApiRecord Api)>();
        CatalogCodec.Decode(segment.Data, CatalogCodec.ReadKeys(segment.Keys), readerNames, null, found);
        Assert.Equal(Enumerable.Range(0, sortedRecords.Count), found.Select(f => f.Index));
        return [.. found.Select(f => f.Api)];
    }
}
