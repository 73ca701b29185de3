using NuGet.Frameworks;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// Which asset group and which dependency group restore uses for a project targeting a framework.
/// </summary>
internal static class CompileAssets
{
    /// <summary>
    /// The compile group: the nearest compatible ref/ group if any ref/ group is compatible at all (ref takes
    /// precedence over lib, even over a nearer lib/ folder, as in restore), else the nearest compatible lib/ group;
    /// null when nothing is compatible.
    /// </summary>
    public static AssetGroup? Select(IReadOnlyList<AssetGroup> groups, NuGetFramework target)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(target);
        return Nearest(groups, AssetKind.Ref, target) ?? Nearest(groups, AssetKind.Lib, target);
    }

    /// <summary>The nuspec dependency group restore takes for <paramref name="target"/> (nearest compatible), or null.</summary>
    public static DependencyGroup? SelectDependencies(IReadOnlyList<DependencyGroup> groups, NuGetFramework target)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(target);
        return NuGetFrameworkUtility.GetNearest(groups, target, group => group.Framework);
    }

    private static AssetGroup? Nearest(IReadOnlyList<AssetGroup> groups, AssetKind kind, NuGetFramework target) =>
        NuGetFrameworkUtility.GetNearest(groups.Where(group => group.Kind == kind), target, group => group.Framework);
}
