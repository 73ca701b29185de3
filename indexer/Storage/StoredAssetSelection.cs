using NuGet.Frameworks;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Picks, among a stored version's asset groups, the one NuGet would compile a project of a given target
/// framework against: a compatible <c>ref/</c> group wins over any <c>lib/</c> group, and within a kind the
/// nearest compatible framework wins (NuGet.Frameworks' <see cref="FrameworkReducer"/>, the same rules restore uses).
/// </summary>
internal static class StoredAssetSelection
{
    /// <summary>
    /// The compile-time group for <paramref name="target"/>, or null when no group is compatible. A framework
    /// version (kind "framework") has exactly one group, which is its own surface whatever the target. A selected
    /// placeholder group (<c>_._</c>) means the package contributes no assemblies for that framework.
    /// </summary>
    public static StoredAssetGroup? Select(IReadOnlyList<StoredAssetGroup> groups, NuGetFramework target)
    {
        var framework = groups.FirstOrDefault(g => g.Kind == "framework");
        if (framework is not null) return framework;
        return Nearest(groups, "ref", target) ?? Nearest(groups, "lib", target);
    }

    /// <summary>
    /// The newest framework among the groups' frameworks: .NET (Core) over .NET Standard over .NET Framework over
    /// anything else, platform-neutral over platform-specific (net8.0 over net8.0-windows), then by version.
    /// Null when there are no groups with a parseable framework.
    /// </summary>
    public static NuGetFramework? NewestFramework(IEnumerable<StoredAssetGroup> groups)
    {
        NuGetFramework? best = null;
        foreach (var group in groups)
        {
            var framework = NuGetFramework.Parse(group.Framework);
            if (framework.IsUnsupported) continue;
            if (best is null || Preference(framework).CompareTo(Preference(best)) > 0) best = framework;
        }
        return best;
    }

    private static StoredAssetGroup? Nearest(IReadOnlyList<StoredAssetGroup> groups, string kind, NuGetFramework target)
    {
        // Two lists of references rather than a list of (framework, group) pairs: ReadyToRun has no precompiled code for
        // a list of a new tuple shape, and a one-shot query would JIT it.
        var frameworks = new List<NuGetFramework>();
        var candidates = new List<StoredAssetGroup>();
        foreach (var group in groups)
        {
            if (group.Kind != kind) continue;
            var framework = NuGetFramework.Parse(group.Framework);
            if (framework.IsUnsupported) continue;
            frameworks.Add(framework);
            candidates.Add(group);
        }
        if (candidates.Count == 0) return null;
        // The target's own folder is always the nearest; without the reducer a cold query skips loading its
        // compatibility tables (history's default framework is one of the package's own).
        int exact = frameworks.FindIndex(f => f.Equals(target));
        if (exact >= 0) return candidates[exact];
        var nearest = new FrameworkReducer().GetNearest(target, frameworks);
        return nearest is null ? null : candidates[frameworks.FindIndex(f => f.Equals(nearest))];
    }

    private static (int Platform, int Family, Version Version) Preference(NuGetFramework framework) => (
        framework.HasPlatform ? 0 : 1,
        framework.Framework switch
        {
            FrameworkConstants.FrameworkIdentifiers.NetCoreApp => 3,
            FrameworkConstants.FrameworkIdentifiers.NetStandard => 2,
            FrameworkConstants.FrameworkIdentifiers.Net => 1,
            _ => 0,
        },
        framework.Version);
}
