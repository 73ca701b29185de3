namespace ApiTruth.History;

/// <summary>A history, diff or find request that cannot be answered; the message is one line for the user.</summary>
internal class HistoryInputException(string message) : Exception(message);

/// <summary>The package (or framework series) has no indexed version: index it first.</summary>
internal sealed class PackageNotIndexedException(string package, IReadOnlyList<string> similarPackages)
    : HistoryInputException(Describe(package, similarPackages))
{
    public string Package { get; } = package;

    public IReadOnlyList<string> SimilarPackages { get; } = similarPackages;

    private static string Describe(string package, IReadOnlyList<string> similar)
    {
        if (ApiTruth.Indexer.Model.FrameworkSeries.IsSeries(package))
            return "no framework version is indexed: run 'apitruth index --framework net8.0' (or another moniker) first.";
        return similar.Count == 0
            ? $"{package} is not indexed: run 'apitruth index {package}' first."
            : $"{package} is not indexed: run 'apitruth index {package}' first (indexed packages with similar names: {string.Join(", ", similar)}).";
    }
}

/// <summary>A version a diff needs is not indexed (not stored, failed, or not served).</summary>
internal sealed class VersionNotIndexedException(string package, string version, string detail)
    : HistoryInputException($"{package} {version} is not indexed{detail}.")
{
    public string Package { get; } = package;

    public string Version { get; } = version;
}
