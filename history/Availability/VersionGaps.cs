using ApiTruth.History.Index;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.History.Availability;

/// <summary>Versions that may exist between two indexed ones but are not in the index.</summary>
/// <param name="Description">For people: "versions 10.x", "12.0.2", "net7.0", "versions between 5.7.0 and 7.2.0".</param>
internal sealed record VersionGap(string After, string Before, string Description)
{
    /// <summary>The gap as a NuGet version range (both ends excluded): "(9.0.1, 11.0.1)".</summary>
    public string Range => $"({After}, {Before})";
}

/// <summary>
/// Finds the places where a history cannot be exact. The index only knows the versions the feed served, so a gap is
/// reported where a stored version failed or was not served, or where the version numbers skip a release line
/// (9.0.1 then 11.0.1 skips 10.x; 12.0.1 then 12.0.3 skips 12.0.2; net6.0 then net8.0 skips net7.0). Consecutive
/// numbers (12.0.3 then 13.0.1) count as no gap: a first release of x.0.1 is common and nothing says x.0.0 existed.
/// </summary>
internal static class VersionGaps
{
    public static IReadOnlyList<VersionGap> Find(PackageTimeline timeline, IReadOnlyList<string> versions)
    {
        var kind = timeline.Package.Kind;
        var gaps = new List<VersionGap>();
        for (var i = 1; i < versions.Count; i++)
        {
            var (after, before) = (versions[i - 1], versions[i]);
            var unindexed = timeline.Versions
                .Where(v => !v.IsIndexed && !v.IsPrerelease
                    && VersionOrder.Compare(kind, after, v.Version) < 0 && VersionOrder.Compare(kind, v.Version, before) < 0)
                .Select(v => v.Version)
                .ToList();
            var description = kind == PackageKind.Framework
                ? DescribeFrameworkGap(after, before, unindexed)
                : DescribePackageGap(after, before, unindexed);
            if (description is not null) gaps.Add(new VersionGap(after, before, description));
        }
        return gaps;
    }

    private static string? DescribePackageGap(string afterText, string beforeText, List<string> unindexed)
    {
        if (!NuGetVersion.TryParse(afterText, out var after) || !NuGetVersion.TryParse(beforeText, out var before))
            return unindexed.Count > 0 ? List(unindexed, afterText, beforeText) : null;
        var skipsNumbers = SkipsReleaseNumbers(after, before);
        if (!skipsNumbers) return unindexed.Count > 0 ? List(unindexed, afterText, beforeText) : null;
        if (before.Major > after.Major + 1 && before.Minor == 0 && before.Patch <= 1)
        {
            var first = after.Major + 1;
            var last = before.Major - 1;
            return first == last ? $"versions {first}.x" : $"versions {first}.x–{last}.x";
        }
        if (before.Major == after.Major && before.Minor == after.Minor && before.Patch == after.Patch + 2)
            return $"{after.Major}.{after.Minor}.{after.Patch + 1}";
        return $"versions between {afterText} and {beforeText}";
    }

    private static bool SkipsReleaseNumbers(NuGetVersion after, NuGetVersion before)
    {
        if (before.Major > after.Major + 1) return true;
        if (before.Major == after.Major + 1) return before.Minor > 0 || before.Patch > 1;
        if (before.Major != after.Major) return false;
        if (before.Minor > after.Minor + 1) return true;
        if (before.Minor == after.Minor + 1) return before.Patch > 1;
        return before.Minor == after.Minor && before.Patch > after.Patch + 1;
    }

    private static string? DescribeFrameworkGap(string after, string before, List<string> unindexed)
    {
        var afterFramework = NuGetFramework.Parse(after);
        var beforeFramework = NuGetFramework.Parse(before);
        var missing = new SortedSet<string>(unindexed, VersionOrder.Comparer(PackageKind.Framework));
        foreach (var moniker in KnownMonikers(Math.Max(afterFramework.Version.Major, beforeFramework.Version.Major)))
        {
            if (VersionOrder.CompareFrameworks(after, moniker) < 0 && VersionOrder.CompareFrameworks(moniker, before) < 0)
                missing.Add(moniker);
        }
        return missing.Count == 0 ? null : string.Join(", ", missing);
    }

    /// <summary>The framework series the indexer covers: netstandard2.0, netstandard2.1, net5.0 … up to the given major.</summary>
    private static IEnumerable<string> KnownMonikers(int lastMajor)
    {
        yield return "netstandard2.0";
        yield return "netstandard2.1";
        for (var major = 5; major <= lastMajor; major++) yield return $"net{major}.0";
    }

    private static string List(List<string> versions, string after, string before) =>
        versions.Count <= 3 ? string.Join(", ", versions) : $"versions between {after} and {before}";
}
