using NuGet.Versioning;

namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// A package extracted in a NuGet packages folder in the layout restore uses.
/// </summary>
/// <param name="Id">The package id as its nuspec spells it.</param>
/// <param name="Version">The package version.</param>
/// <param name="Directory">The extracted package folder (…/newtonsoft.json/13.0.3).</param>
internal sealed record LocalPackage(string Id, NuGetVersion Version, string Directory)
{
    public override string ToString() => $"{Id} {Version.ToNormalizedString()}";
}
