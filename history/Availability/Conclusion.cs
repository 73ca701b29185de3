namespace ApiTruth.History.Availability;

/// <summary>
/// The summary of one API's availability over versions: the JSON fields and the one line people read,
/// e.g. "introduced in 6.0.1, obsolete since 9.0.1, last present in 9.0.1, absent from 11.0.1 on (versions 10.x not indexed)".
/// </summary>
/// <param name="Introduced">The first version where the API is present (the first indexed one when it was there from the start).</param>
/// <param name="LastPresent">The last version where it is present.</param>
/// <param name="RemovedIn">The first version without it after <see cref="LastPresent"/>; null when the newest version has it.</param>
internal sealed record Conclusion(string? Introduced, string? LastPresent, string? RemovedIn, string Text)
{
    /// <param name="timeline">Per version, in order: its status (for <c>--all-frameworks</c>, the best over its groups).</param>
    /// <param name="gaps">Not-indexed ranges between consecutive versions of <paramref name="timeline"/>.</param>
    public static Conclusion From(IReadOnlyList<(string Version, ApiStatus Status)> timeline, IReadOnlyList<VersionGap> gaps, string? framework)
    {
        if (timeline.Count == 0) return new Conclusion(null, null, null, "no indexed version to compare");
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < timeline.Count; i++)
        {
            if (!timeline[i].Status.IsPresent()) continue;
            if (runs.Count > 0 && runs[^1].End == i - 1) runs[^1] = (runs[^1].Start, i);
            else runs.Add((i, i));
        }
        var forFramework = framework is null ? "" : $" for {framework}";
        if (runs.Count == 0)
        {
            var all = timeline.Count == 1
                ? $"absent from the only indexed version, {timeline[0].Version}{forFramework}"
                : $"absent from all {timeline.Count} indexed versions ({timeline[0].Version} to {timeline[^1].Version}){forFramework}";
            return new Conclusion(null, null, null, all);
        }

        if (timeline.Count == 1)
        {
            var obsolete = timeline[0].Status == ApiStatus.Obsolete ? " (obsolete)" : "";
            return new Conclusion(timeline[0].Version, timeline[0].Version, null, $"present in the only indexed version, {timeline[0].Version}{obsolete}");
        }

        string V(int index) => timeline[index].Version;
        string Gap(int before) =>
            gaps.FirstOrDefault(g => g.After == V(before - 1) && g.Before == V(before)) is { } gap ? $" ({gap.Description} not indexed)" : "";

        var parts = new List<string>();
        var first = runs[0];
        parts.Add(first.Start == 0 ? $"present since the first indexed version, {V(0)}" : $"introduced in {V(first.Start)}{Gap(first.Start)}");
        for (var r = 1; r < runs.Count; r++)
            parts.Add($"removed in {V(runs[r - 1].End + 1)}{Gap(runs[r - 1].End + 1)}, back in {V(runs[r].Start)}{Gap(runs[r].Start)}");

        var firstObsolete = Enumerable.Range(0, timeline.Count).FirstOrDefault(i => timeline[i].Status == ApiStatus.Obsolete, -1);
        if (firstObsolete >= 0)
        {
            parts.Add($"obsolete since {V(firstObsolete)}");
            var cleared = Enumerable.Range(firstObsolete, timeline.Count - firstObsolete).FirstOrDefault(i => timeline[i].Status == ApiStatus.Present, -1);
            if (cleared >= 0) parts.Add($"no longer obsolete from {V(cleared)}");
        }

        var last = runs[^1];
        string? removedIn = null;
        if (last.End == timeline.Count - 1)
        {
            parts.Add($"still present in {V(last.End)} (newest indexed)");
        }
        else
        {
            removedIn = V(last.End + 1);
            parts.Add($"last present in {V(last.End)}, absent from {removedIn} on{Gap(last.End + 1)}");
        }
        return new Conclusion(V(first.Start), V(last.End), removedIn, string.Join(", ", parts));
    }
}
