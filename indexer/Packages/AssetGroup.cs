using NuGet.Frameworks;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// One <c>lib/&lt;tfm&gt;</c> or <c>ref/&lt;tfm&gt;</c> folder of a package, as NuGet's conventions see it.
/// Assemblies directly under <c>lib/</c> form the group <c>"lib"</c> with framework .NETFramework 0.0, as in NuGet.
/// </summary>
/// <param name="Path">Package-relative folder with forward slashes: <c>"lib/netstandard2.0"</c>, <c>"lib"</c>.</param>
/// <param name="Kind">ref or lib.</param>
/// <param name="Framework">The folder's framework as NuGet parses it.</param>
/// <param name="Assemblies">Full paths of the compile assemblies, after the nuspec <c>&lt;references&gt;</c> filter
/// (lib/ only, as restore applies it); empty for a <c>_._</c> placeholder.</param>
/// <param name="IsPlaceholder">The folder holds only <c>_._</c>: "nothing needed for this framework", usually because
/// the framework itself provides the API.</param>
internal sealed record AssetGroup(
    string Path,
    AssetKind Kind,
    NuGetFramework Framework,
    IReadOnlyList<string> Assemblies,
    bool IsPlaceholder)
{
    public override string ToString() => Path;
}
