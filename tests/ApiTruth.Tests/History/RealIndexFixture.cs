using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.Storage;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Tests.History;

/// <summary>
/// One index built once for all real-package history tests, through the real pipeline (<see cref="IndexRunner"/>):
/// every served version of Newtonsoft.Json and Serilog, and the .NET reference packs net5.0, net6.0, net8.0, net9.0
/// from the user's NuGet configuration. The feed stays open so tests can locate the very DLLs that were indexed.
/// </summary>
public sealed class RealIndexFixture : IAsyncLifetime
{
    public static readonly string[] Frameworks = ["net5.0", "net6.0", "net8.0", "net9.0"];

    private readonly TempIndex _temp = new();

    internal PackageFeed Feed { get; } = PackageFeed.FromConfiguration();

    internal FrameworkPacks Packs { get; private set; } = null!;

    internal IndexSummary Summary { get; private set; } = null!;

    public string IndexPath => _temp.FilePath;

    public async Task InitializeAsync()
    {
        Packs = new FrameworkPacks(Feed);
        using var writer = new IndexWriter(_temp.FilePath);
        var runner = new IndexRunner(Feed, Packs, new ReferenceSetBuilder(Feed, Packs), new ApiExtractor(), writer);
        Summary = await runner.RunAsync(
            [PackageRequest.Parse("Newtonsoft.Json"), PackageRequest.Parse("Serilog")],
            Frameworks.Select(f => new FrameworkRequest(f, false)).ToList(),
            new IndexOptions(), new NoProgress(), CancellationToken.None);
        writer.Checkpoint();
    }

    /// <summary>The folder of an installed package version in the global packages folder.</summary>
    internal async Task<string> PackageFolderAsync(string id, string version) =>
        (await Feed.EnsurePackageAsync(id, NuGetVersion.Parse(version), CancellationToken.None)).Directory;

    /// <summary>The reference assemblies of a framework moniker, as the indexer resolved them.</summary>
    internal Task<FrameworkPack> FrameworkPackAsync(string moniker) =>
        Packs.ResolveAsync(NuGetFramework.Parse(moniker), aspNetCore: false, CancellationToken.None);

    public Task DisposeAsync()
    {
        Feed.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private sealed class NoProgress : IIndexProgress
    {
        public void Planned(int total)
        {
        }

        public void Finished(VersionResult result, int done, int total)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RealIndexCollection : ICollectionFixture<RealIndexFixture>
{
    public const string Name = "real history index";
}
