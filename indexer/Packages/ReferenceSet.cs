using NuGet.Packaging.Core;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// The compile references of a project: the framework pack, the pinned packages and their dependencies.
/// </summary>
/// <param name="Framework">The base framework pack (Microsoft.NETCore.App, NETStandard.Library or .NETFramework).</param>
/// <param name="Packages">Pinned packages first (in the given order), then transitive ones by id.</param>
/// <param name="Problems">One line each: incompatible packages, dependencies no source serves, downgrades of pins.</param>
internal sealed record ReferenceSet(
    FrameworkPack Framework,
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<string> Problems)
{
    /// <summary>Further shared frameworks referenced (Microsoft.AspNetCore.App), asked for or required by a package.</summary>
    public IReadOnlyList<FrameworkPack> SharedFrameworks { get; init; } = [];

    /// <summary>
    /// Dependencies the framework supersedes (its PackageOverrides list them at this version or later):
    /// restore would download them, but the SDK compiles against the framework's assemblies instead.
    /// </summary>
    public IReadOnlyList<PackageIdentity> ProvidedByFramework { get; init; } = [];

    /// <summary>
    /// Assemblies left out because another one with the same name wins, as in the SDK's conflict resolution:
    /// a superseded package's assemblies, or the framework's copy when a package brings a newer one.
    /// </summary>
    public IReadOnlySet<string> SupersededAssemblies { get; init; } = new HashSet<string>();

    /// <summary>Every assembly to compile against, without duplicates and without superseded ones.</summary>
    public IEnumerable<string> AllAssemblyPaths =>
        new[] { Framework }
            .Concat(SharedFrameworks)
            .SelectMany(pack => pack.Assemblies)
            .Concat(Packages.SelectMany(package => package.CompileGroup?.Assemblies ?? []))
            .Where(path => !SupersededAssemblies.Contains(path))
            .Distinct(StringComparer.Ordinal);
}
