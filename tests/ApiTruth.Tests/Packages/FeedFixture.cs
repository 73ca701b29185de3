using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Packages;
using NuGet.Versioning;

namespace ApiTruth.Tests.Packages;

/// <summary>The user's real feed and packages folder, shared by the tests of one class.</summary>
public sealed class FeedFixture : IDisposable
{
    public FeedFixture()
    {
        Feed = PackageFeed.FromConfiguration();
        Packs = new FrameworkPacks(Feed);
        Builder = new ReferenceSetBuilder(Feed, Packs);
    }

    internal PackageFeed Feed { get; }

    internal FrameworkPacks Packs { get; }

    internal ReferenceSetBuilder Builder { get; }

    internal async Task<PackageContents> ReadAsync(string id, string version) =>
        PackageLayout.Read(await Feed.EnsurePackageAsync(id, NuGetVersion.Parse(version), CancellationToken.None));

    public void Dispose() => Feed.Dispose();
}
