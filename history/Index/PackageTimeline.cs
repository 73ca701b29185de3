using ApiTruth.Indexer.Storage;
using NuGet.Versioning;

namespace ApiTruth.History.Index;

/// <summary>One stored version of a package with its asset groups (none unless it is indexed).</summary>
internal sealed record TimelineVersion(StoredVersion Stored, IReadOnlyList<StoredAssetGroup> Groups, bool IsPrerelease)
{
    public string Version => Stored.Version;

    public bool IsIndexed => Stored.IsIndexed;
}

/// <summary>
/// Every stored version of one package in NuGet order (framework order for the framework series), read once per
/// view: history, diff and find walk it for every match, so it must not cost a query per version each time.
/// </summary>
internal sealed class PackageTimeline
{
    private PackageTimeline(StoredPackage package, IReadOnlyList<TimelineVersion> versions)
    {
        Package = package;
        Versions = versions;
    }

    public StoredPackage Package { get; }

    /// <summary>All stored versions, including failed and not-served ones, in order.</summary>
    public IReadOnlyList<TimelineVersion> Versions { get; }

    public static PackageTimeline Load(IndexReader reader, StoredPackage package)
    {
        var versions = reader.GetVersions(package)
            .Select(v => new TimelineVersion(
                v,
                v.IsIndexed ? reader.GetAssetGroups(v.Id) : [],
                package.Kind == PackageKind.Package && NuGetVersion.TryParse(v.Version, out var parsed) && parsed.IsPrerelease))
            .ToList();
        return new PackageTimeline(package, versions);
    }

    /// <summary>The indexed versions a query considers, in order: prereleases only when asked for.</summary>
    public IReadOnlyList<TimelineVersion> Indexed(bool includePrerelease) =>
        Versions.Where(v => v.IsIndexed && (includePrerelease || !v.IsPrerelease)).ToList();

    /// <summary>The stored version equal to <paramref name="version"/> in NuGet's sense (13.0 is 13.0.0), or null.</summary>
    public TimelineVersion? Find(string version) =>
        Versions.FirstOrDefault(v => VersionOrder.Compare(Package.Kind, v.Version, version) == 0
            || string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
}
