using ApiTruth.Indexer.Feeds;

namespace ApiTruth.Indexer.Packages;

/// <summary>What a package offers: its asset groups, dependency groups and framework references.</summary>
/// <param name="Package">The extracted package.</param>
/// <param name="Groups">Every ref/ and lib/ framework folder (ref groups first, then lib, each by path).</param>
/// <param name="DependencyGroups">The nuspec dependency groups, in nuspec order.</param>
/// <param name="FrameworkReferences">Shared frameworks the package needs (<c>Microsoft.AspNetCore.App</c>), over all its
/// framework-reference groups.</param>
internal sealed record PackageContents(
    LocalPackage Package,
    IReadOnlyList<AssetGroup> Groups,
    IReadOnlyList<DependencyGroup> DependencyGroups,
    IReadOnlyList<string> FrameworkReferences)
{
    /// <summary>The nuspec package types (<c>Dependency</c> when none is declared, <c>DotnetPlatform</c> for reference packs).</summary>
    public IReadOnlyList<string> PackageTypes { get; init; } = [];

    /// <summary>True when the package has any lib/ or ref/ group, i.e. it can be (in)compatible with a framework.</summary>
    public bool HasCompileAssets => Groups.Count > 0;
}
