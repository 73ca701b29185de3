namespace ApiTruth.Indexer.Storage;

/// <summary>Where the index file lives: the explicit option, else <c>APITRUTH_INDEX</c>, else the user's local data folder.</summary>
internal static class IndexLocation
{
    public const string EnvironmentVariable = "APITRUTH_INDEX";

    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return Path.GetFullPath(explicitPath);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return Path.GetFullPath(fromEnvironment);
        var dataRoot = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        if (string.IsNullOrEmpty(dataRoot)) dataRoot = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataRoot, "apitruth", "index.db");
    }
}
