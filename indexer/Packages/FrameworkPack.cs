using NuGet.Versioning;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// A framework reference pack: the compile surface of one framework version ("net8.0" is a version of the framework).
/// </summary>
/// <param name="Moniker">The framework's short name: <c>net8.0</c>, <c>netstandard2.0</c>, <c>net472</c>.</param>
/// <param name="FrameworkName"><c>Microsoft.NETCore.App</c>, <c>Microsoft.AspNetCore.App</c>, <c>NETStandard.Library</c>
/// or <c>.NETFramework</c>.</param>
/// <param name="PackId">The NuGet package the pack comes from (also when the SDK's own copy is used).</param>
/// <param name="PackVersion">The pack's version.</param>
/// <param name="Directory">The folder holding the reference assemblies.</param>
/// <param name="Assemblies">Full paths of the reference assemblies (with .NET Framework facades).</param>
internal sealed record FrameworkPack(
    string Moniker,
    string FrameworkName,
    string PackId,
    NuGetVersion PackVersion,
    string Directory,
    IReadOnlyList<string> Assemblies)
{
    /// <summary>
    /// The pack's data/PackageOverrides.txt: packages whose assemblies the framework supersedes up to the given
    /// version (the SDK drops such package assemblies in favour of the framework's).
    /// </summary>
    public IReadOnlyDictionary<string, NuGetVersion> PackageOverrides { get; init; } =
        new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the pack came from the .NET SDK installation rather than the package feed.</summary>
    public bool FromSdk { get; init; }

    /// <summary>Whether the framework supersedes <paramref name="packageId"/> at <paramref name="version"/>.</summary>
    public bool Supersedes(string packageId, NuGetVersion version) =>
        PackageOverrides.TryGetValue(packageId, out var upTo) && version <= upTo;

    public override string ToString() => $"{Moniker} ({PackId} {PackVersion.ToNormalizedString()})";
}
