using ApiTruth.History.Availability;
using ApiTruth.History.Index;
using ApiTruth.History.Query;
using ApiTruth.History.Suggestions;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;

namespace ApiTruth.History;

/// <summary>
/// Answers "which versions have this API": resolves the query to doc IDs in the package's catalog, then looks each
/// one up in the API set of the asset group a project of the target framework compiles against, version by version.
/// Only the matched doc IDs' variant ids are searched in each set, so a query costs a few binary searches per version
/// once the view has the catalog and sets decoded.
/// </summary>
internal sealed class HistoryService(IndexView view)
{
    public HistoryService(IndexReader reader)
        : this(new IndexView(reader))
    {
    }

    public IndexView View => view;

    public HistoryResult Query(HistoryRequest request)
    {
        var query = ApiQueryParser.Parse(request.Api);
        if (request.Package is null) return QueryFrameworkSeries(query, request);
        var package = view.FindPackage(request.Package) ?? throw NotIndexed(request.Package);
        return QueryPackage(package, query, request);
    }

    private HistoryResult QueryFrameworkSeries(ApiQuery query, HistoryRequest request)
    {
        HistoryResult? first = null;
        foreach (var name in new[] { FrameworkSeries.DotNet, FrameworkSeries.AspNetCore })
        {
            if (view.FindPackage(name) is not { } series || view.Timeline(series).Indexed(includePrerelease: true).Count == 0) continue;
            var result = QueryPackage(series, query, request with { Framework = null, AllFrameworks = false });
            if (result.Matches.Count > 0) return result;
            first ??= result;
        }
        return first ?? throw new PackageNotIndexedException(FrameworkSeries.DotNet, []);
    }

    private HistoryResult QueryPackage(StoredPackage package, ApiQuery query, HistoryRequest request)
    {
        var timeline = view.Timeline(package);
        var versions = timeline.Indexed(request.IncludePrerelease);
        if (versions.Count == 0)
        {
            if (timeline.Indexed(includePrerelease: true).Count > 0)
                throw new HistoryInputException($"only prerelease versions of {package.Name} are indexed: add --prerelease.");
            throw new PackageNotIndexedException(package.Name, []);
        }
        var framework = TargetFramework(package, versions, request);
        var apis = view.Apis(package);
        var matches = ApiMatcher.Find(query, apis);
        var frameworkName = framework?.GetShortFolderName();
        var versionNames = versions.Select(v => v.Version).ToList();
        if (matches.DocIds.Count == 0)
        {
            return new HistoryResult(package.Name, package.Kind, query.Text, frameworkName, request.AllFrameworks, versionNames, [], [], false,
                NameSuggestions.ForPackage(query, view, package), DefinedElsewhere(query, package));
        }

        var columns = new List<(TimelineVersion Version, IReadOnlyList<StoredAssetGroup> Groups)>();
        var withoutAsset = new List<string>();
        foreach (var version in versions)
        {
            if (request.AllFrameworks && package.Kind == PackageKind.Package)
            {
                columns.Add((version, version.Groups));
                continue;
            }
            var group = view.SelectGroup(version, framework ?? NuGetFramework.AnyFramework);
            if (group is null) withoutAsset.Add(version.Version);
            else columns.Add((version, [group]));
        }
        var gaps = VersionGaps.Find(timeline, columns.Select(c => c.Version.Version).ToList());

        var results = new List<HistoryMatch>();
        foreach (var docId in matches.DocIds)
        {
            var variants = apis.Variants(docId);
            var rows = new List<VersionAvailability>();
            var perVersion = new List<(string Version, ApiStatus Status)>();
            ApiRecord? newest = null;
            foreach (var (version, groups) in columns)
            {
                var best = ApiStatus.Absent;
                foreach (var group in groups)
                {
                    var (status, api) = StatusIn(group, variants);
                    rows.Add(new VersionAvailability(version.Version, status, group.Path, group.IsPlaceholder,
                        status == ApiStatus.Obsolete ? api!.ObsoleteMessage : null));
                    if (api is not null) newest = api;
                    if (status == ApiStatus.Present || (status == ApiStatus.Obsolete && best == ApiStatus.Absent)) best = status;
                }
                perVersion.Add((version.Version, best));
            }
            newest ??= variants[^1].Api;
            var conclusion = Conclusion.From(perVersion, gaps, frameworkName);
            results.Add(new HistoryMatch(docId, newest.Display, newest.Kind, rows, conclusion.Introduced, conclusion.LastPresent,
                conclusion.RemovedIn, gaps, conclusion.Text));
        }
        results.Sort(CompareMatches);
        return new HistoryResult(package.Name, package.Kind, query.Text, request.AllFrameworks ? null : frameworkName, request.AllFrameworks,
            versionNames, withoutAsset, results, matches.IgnoredCase, [], []);
    }

    private NuGetFramework? TargetFramework(StoredPackage package, IReadOnlyList<TimelineVersion> versions, HistoryRequest request)
    {
        if (package.Kind == PackageKind.Framework || request.AllFrameworks) return null;
        if (request.Framework is { } text)
        {
            var parsed = NuGetFramework.Parse(text);
            if (parsed.IsUnsupported || parsed.Version.Major == 0 && !parsed.IsAny)
                throw new HistoryInputException($"'{text}' is not a target framework moniker (e.g. net8.0, netstandard2.0, net472).");
            return parsed;
        }
        return StoredAssetSelection.NewestFramework(versions[^1].Groups)
            ?? StoredAssetSelection.NewestFramework(versions.SelectMany(v => v.Groups))
            ?? NuGetFramework.AnyFramework;
    }

    private (ApiStatus Status, ApiRecord? Api) StatusIn(StoredAssetGroup group, IReadOnlyList<(int Id, ApiRecord Api)> variants)
    {
        if (group.ApiSetId is not { } setId) return (ApiStatus.Absent, null);
        var set = view.ApiSet(setId);
        for (var i = 0; i < variants.Count; i++)
        {
            var (id, api) = variants[i];
            if (Contains(set, id))
                return (api.Has(ApiFlags.Obsolete) ? ApiStatus.Obsolete : ApiStatus.Present, api);
        }
        return (ApiStatus.Absent, null);
    }

    // Array.BinarySearch's generic sort helper is JIT-compiled in every cold process (ReadyToRun has none for int);
    // a set is sorted and this is the whole search.
    private static bool Contains(int[] sortedIds, int id)
    {
        int low = 0, high = sortedIds.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (sortedIds[middle] == id) return true;
            if (sortedIds[middle] < id) low = middle + 1;
            else high = middle - 1;
        }
        return false;
    }

    /// <summary>
    /// Other packages that define the asked name, from their names lists only (no catalog decoded): the usual reason a
    /// call "does not exist" is that it lives in a package the code does not reference.
    /// </summary>
    private List<string> DefinedElsewhere(ApiQuery query, StoredPackage asked)
    {
        var name = query.SimpleName.StartsWith('#') && query.Segments.Count > 1 ? query.Segments[^2].Name : query.SimpleName;
        return view.Packages
            .Where(p => p.Id != asked.Id && view.DefinesName(p, name))
            .Where(p => ApiMatcher.Find(query, view.Apis(p), ignoreCase: true).DocIds.Count > 0)
            .Select(p => p.Name)
            .ToList();
    }

    private PackageNotIndexedException NotIndexed(string package)
    {
        if (FrameworkSeries.IsSeries(package)) return new PackageNotIndexedException(package, []);
        var similar = NameSuggestions.ClosestNames(package, view.Packages.Where(p => p.Kind == PackageKind.Package).Select(p => p.Name), 3);
        return new PackageNotIndexedException(package, similar);
    }

    private static int CompareMatches(HistoryMatch a, HistoryMatch b)
    {
        var byKind = (a.Kind.IsType() ? 0 : 1).CompareTo(b.Kind.IsType() ? 0 : 1);
        if (byKind != 0) return byKind;
        byKind = a.Kind.CompareTo(b.Kind);
        if (byKind != 0) return byKind;
        var byLength = a.Symbol.Length.CompareTo(b.Symbol.Length);
        return byLength != 0 ? byLength : string.CompareOrdinal(a.Symbol, b.Symbol);
    }
}
