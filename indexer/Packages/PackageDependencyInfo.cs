using NuGet.Versioning;

namespace ApiTruth.Indexer.Packages;

/// <summary>One <c>&lt;dependency&gt;</c> of a nuspec dependency group.</summary>
/// <param name="Id">The dependency's package id.</param>
/// <param name="Range">Allowed versions; a dependency without a version allows all.</param>
internal sealed record PackageDependencyInfo(string Id, VersionRange Range)
{
    public override string ToString() => $"{Id} {Range.PrettyPrint()}";
}
