namespace ApiTruth.Indexer.Packages;

/// <summary>A package of a reference set, with the asset group restore would compile against.</summary>
/// <param name="Contents">The package.</param>
/// <param name="CompileGroup">The selected compile group; null when the package has no compatible (or no) assets.</param>
/// <param name="IsTransitive">False for a pinned (top-level) package, true for one pulled in by dependencies.</param>
internal sealed record ResolvedPackage(PackageContents Contents, AssetGroup? CompileGroup, bool IsTransitive)
{
    public override string ToString() =>
        $"{Contents.Package}{(IsTransitive ? " (transitive)" : "")}: {CompileGroup?.Path ?? "no compile assets"}";
}
