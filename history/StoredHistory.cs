using ApiTruth.History.Index;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History;

/// <summary>A history answered from what the index holds now, without indexing anything.</summary>
internal static class StoredHistory
{
    /// <summary>The answer, or null (with the reason) when the package or framework series is not indexed.</summary>
    /// <param name="incomplete">The package is stored but not known to hold every served version: its history may miss some.</param>
    public static HistoryResult? TryQuery(string indexPath, HistoryRequest request, out PackageNotIndexedException? notIndexed, out bool incomplete)
    {
        notIndexed = null;
        incomplete = false;
        if (!File.Exists(indexPath))
        {
            notIndexed = new PackageNotIndexedException(request.Package ?? FrameworkSeries.DotNet, []);
            return null;
        }
        using var reader = new IndexReader(indexPath);
        try
        {
            var view = new IndexView(reader);
            var result = new HistoryService(view).Query(request);
            incomplete = request.Package is { } id && !FrameworkSeries.IsSeries(id) && view.FindPackage(id) is { IsComplete: false };
            return result;
        }
        catch (PackageNotIndexedException e)
        {
            notIndexed = e;
            return null;
        }
    }
}
