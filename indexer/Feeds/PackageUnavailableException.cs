using NuGet.Versioning;

namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// A package (version) that cannot be used, with the reason. The message is one line fit for a user.
/// </summary>
internal sealed class PackageUnavailableException : Exception
{
    public PackageUnavailableException(
        UnavailableReason reason,
        string packageId,
        NuGetVersion? version,
        string message,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        PackageId = packageId;
        Version = version;
    }

    public UnavailableReason Reason { get; }

    public string PackageId { get; }

    public NuGetVersion? Version { get; }

    /// <summary>"Newtonsoft.Json 13.0.3", or just the id when no version is concerned.</summary>
    public string PackageDisplay => Version is null ? PackageId : $"{PackageId} {Version.ToNormalizedString()}";
}
