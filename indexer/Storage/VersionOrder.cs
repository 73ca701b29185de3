using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Orders stored version strings: NuGet version order for packages (never string order), and for the
/// framework series netstandard before .NET (Core), each by version.
/// </summary>
internal static class VersionOrder
{
    public static int Compare(PackageKind kind, string a, string b) =>
        kind == PackageKind.Framework ? CompareFrameworks(a, b) : CompareVersions(a, b);

    public static IComparer<string> Comparer(PackageKind kind) =>
        Comparer<string>.Create((a, b) => Compare(kind, a, b));

    public static int CompareVersions(string a, string b)
    {
        var parsedA = NuGetVersion.TryParse(a, out var va);
        var parsedB = NuGetVersion.TryParse(b, out var vb);
        if (parsedA && parsedB) return VersionComparer.Default.Compare(va, vb);
        if (parsedA != parsedB) return parsedA ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }

    public static int CompareFrameworks(string a, string b)
    {
        var fa = NuGetFramework.Parse(a);
        var fb = NuGetFramework.Parse(b);
        var rank = Rank(fa).CompareTo(Rank(fb));
        if (rank != 0) return rank;
        var version = fa.Version.CompareTo(fb.Version);
        return version != 0 ? version : string.CompareOrdinal(a, b);
    }

    private static int Rank(NuGetFramework framework) => framework.Framework switch
    {
        FrameworkConstants.FrameworkIdentifiers.NetStandard => 0,
        FrameworkConstants.FrameworkIdentifiers.NetCoreApp => 1,
        _ => 2,
    };
}
