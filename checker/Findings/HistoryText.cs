using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Checker.Findings;

/// <summary>
/// Phrases version history honestly: "present in 9.0.1, absent from 11.0.1 on", "introduced in 13.0.1, you pin
/// 12.0.3", with gaps between indexed versions named as such.
/// </summary>
internal static class HistoryText
{
    public const string FrameworkPrefix = "framework:";

    /// <summary>One line about <paramref name="what"/> in <paramref name="presence"/>'s versions, compared with the pinned version.</summary>
    public static string? Describe(string what, ApiPresence presence, string? pinned)
    {
        var versions = presence.Versions.Where(v => v.Indexed).ToList();
        if (versions.Count == 0) return null;
        var present = versions.Where(v => v.Present).Select(v => v.Version).ToList();
        string package = Display(presence.PackageId);
        if (present.Count == 0)
            return $"{what} is in none of the {versions.Count} indexed versions of {package} ({Range(versions)})";
        if (present.Count == versions.Count)
            return $"{what} is in every indexed version of {package} ({Range(versions)})" + (pinned is null ? "" : $"; you use {pinned}");
        var runs = Runs(versions);
        var parts = new List<string>();
        foreach (var (first, last, isPresent, nextAbsent) in runs.Where(r => r.Present))
        {
            string span = first == last ? first : $"{first} to {last}";
            parts.Add(nextAbsent is null ? $"present from {first} on" : $"present in {span}, absent from {nextAbsent} on");
        }
        var text = $"{what} in {package}: {string.Join("; ", parts)}";
        // Versions the index knows of but could not read, where presence changes: the change may have happened there.
        var unknown = UnreadAtChanges(presence.Versions);
        if (pinned is not null)
        {
            var firstPresent = present[0];
            if (Compare(presence.PackageId, pinned, firstPresent) < 0 && unknown.Count == 0)
                text = $"{what} was introduced in {package} {firstPresent}; you use {pinned}" + (runs.Count(r => r.Present) > 1 ? $" ({string.Join("; ", parts)})" : "");
            else
                text += $"; you use {pinned}";
        }
        if (unknown.Count > 0)
            text += $" ({string.Join(", ", unknown)} could not be indexed, so the change may have come there)";
        else if (HasGapAround(presence.PackageId, versions, pinned))
            text += " (versions between those were not indexed)";
        return text;
    }

    private static List<string> UnreadAtChanges(IReadOnlyList<VersionPresence> all)
    {
        var unknown = new List<string>();
        VersionPresence? before = null;
        var pending = new List<string>();
        foreach (var v in all)
        {
            if (!v.Indexed)
            {
                pending.Add(v.Version);
                continue;
            }
            if (before is not null && before.Present != v.Present) unknown.AddRange(pending);
            pending.Clear();
            before = v;
        }
        return unknown;
    }

    public static string Display(string packageId) =>
        packageId.StartsWith(FrameworkPrefix, StringComparison.Ordinal) ? packageId[FrameworkPrefix.Length..] : packageId;

    private static string Range(IReadOnlyList<VersionPresence> versions) =>
        versions.Count == 1 ? versions[0].Version : $"{versions[0].Version} to {versions[^1].Version}";

    private static List<(string First, string Last, bool Present, string? Next)> Runs(IReadOnlyList<VersionPresence> versions)
    {
        var runs = new List<(string, string, bool, string?)>();
        int start = 0;
        for (int i = 1; i <= versions.Count; i++)
        {
            if (i == versions.Count || versions[i].Present != versions[start].Present)
            {
                runs.Add((versions[start].Version, versions[i - 1].Version, versions[start].Present, i < versions.Count ? versions[i].Version : null));
                start = i;
            }
        }
        return runs;
    }

    // The pinned version was not indexed and falls between an indexed version that has the API and one that does not.
    private static bool HasGapAround(string packageId, IReadOnlyList<VersionPresence> versions, string? pinned)
    {
        if (pinned is null || versions.Any(v => Compare(packageId, v.Version, pinned) == 0)) return false;
        var below = versions.LastOrDefault(v => Compare(packageId, v.Version, pinned) < 0);
        var above = versions.FirstOrDefault(v => Compare(packageId, v.Version, pinned) > 0);
        return below is not null && above is not null && below.Present != above.Present;
    }

    /// <summary>NuGet order for package versions, framework order for monikers; never string order.</summary>
    public static int Compare(string packageId, string a, string b)
    {
        if (packageId.StartsWith(FrameworkPrefix, StringComparison.Ordinal))
        {
            var fa = NuGetFramework.Parse(a);
            var fb = NuGetFramework.Parse(b);
            int byName = string.Compare(fa.Framework, fb.Framework, StringComparison.OrdinalIgnoreCase);
            return byName != 0 ? byName : fa.Version.CompareTo(fb.Version);
        }
        if (NuGetVersion.TryParse(a, out var va) && NuGetVersion.TryParse(b, out var vb))
            return VersionComparer.Default.Compare(va, vb);
        return string.CompareOrdinal(a, b);
    }
}
