using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

internal enum PackageKind
{
    Package,
    Framework,
}

/// <summary>Everything the writer stores for one package version, in one transaction.</summary>
internal sealed record PackageVersionData(
    string Package,
    PackageKind Kind,
    string Version,
    string? Source,
    IReadOnlyList<AssetGroupData> Groups,
    IReadOnlyList<DependencyData> Dependencies);

/// <summary>One lib/ or ref/ folder (or a framework reference pack) and the APIs extracted from it.</summary>
/// <param name="Path">"lib/netstandard2.0", "ref/net8.0", or for frameworks "ref/net8.0".</param>
/// <param name="Kind">"lib", "ref" or "framework".</param>
/// <param name="Framework">Short folder name of the target framework ("net6.0", "netstandard2.0").</param>
/// <param name="Problems">What went wrong reading this group's assemblies: the version is stored as "partial".</param>
/// <param name="Notes">Context that could not be had (an unserved dependency, no reference pack for the TFM): kept, not a failure.</param>
internal sealed record AssetGroupData(
    string Path,
    string Kind,
    string Framework,
    bool IsPlaceholder,
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<ApiRecord> Apis,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string>? Notes = null);

internal sealed record DependencyData(string Framework, string Package, string Range);
