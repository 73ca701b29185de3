using ApiTruth.History.Index;
using ApiTruth.History.Query;
using ApiTruth.History.Suggestions;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Find;

/// <summary>
/// "Which package defines X": asks every package's names list first (cheap, no catalog decoded), then only for
/// packages that have the name resolves doc IDs and the versions whose asset groups hold them.
/// </summary>
internal sealed class FindService(IndexView view)
{
    public FindService(IndexReader reader)
        : this(new IndexView(reader))
    {
    }

    public FindResult Find(FindRequest request)
    {
        var query = ApiQueryParser.Parse(request.Name);
        var lookupName = query.SimpleName.StartsWith('#') && query.Segments.Count > 1 ? query.Segments[^2].Name : query.SimpleName;
        var found = new List<FoundApi>();
        foreach (var package in view.Packages)
        {
            if (!view.DefinesName(package, lookupName)) continue;
            var apis = view.Apis(package);
            var matches = ApiMatcher.Find(query, apis, ignoreCase: true);
            if (matches.DocIds.Count == 0) continue;
            var versions = view.Timeline(package).Indexed(request.IncludePrerelease);
            foreach (var docId in matches.DocIds)
                if (Describe(package, apis, docId, versions, query) is { } api) found.Add(api);
        }
        found.Sort(Compare);
        if (found.Count > 0) return new FindResult(query.Text, found.Take(Math.Max(1, request.Limit)).ToList(), found.Count, []);
        var names = view.Packages.SelectMany(view.Names).Distinct(StringComparer.Ordinal);
        return new FindResult(query.Text, [], 0, NameSuggestions.ClosestNames(lookupName, names, 8));
    }

    private FoundApi? Describe(StoredPackage package, PackageApis apis, string docId, IReadOnlyList<TimelineVersion> versions, ApiQuery query)
    {
        var variants = apis.Variants(docId);
        var present = new List<string>();
        var presentFlags = new bool[versions.Count];
        ApiRecord? newest = null;
        for (var i = 0; i < versions.Count; i++)
        {
            foreach (var group in versions[i].Groups)
            {
                if (group.ApiSetId is not { } setId) continue;
                var set = view.ApiSet(setId);
                var hit = variants.FirstOrDefault(v => Array.BinarySearch(set, v.Id) >= 0);
                if (hit.Api is null) continue;
                newest = hit.Api;
                presentFlags[i] = true;
                present.Add(versions[i].Version);
                break;
            }
        }
        // A doc ID only in versions the request leaves out (prereleases) is not an answer.
        if (present.Count == 0) return null;
        var exactCase = ApiMatcher.NameMatches(query.Segments, docId, StringComparison.Ordinal) || query.DocId is not null;
        return new FoundApi(package.Name, package.Kind, docId, newest!.Display, newest.Kind, present, Ranges(versions, presentFlags),
            versions.Count, presentFlags[^1], exactCase);
    }

    private static List<string> Ranges(IReadOnlyList<TimelineVersion> versions, bool[] present)
    {
        var ranges = new List<string>();
        for (var i = 0; i < present.Length; i++)
        {
            if (!present[i]) continue;
            var start = i;
            while (i + 1 < present.Length && present[i + 1]) i++;
            ranges.Add(start == i ? versions[i].Version : $"{versions[start].Version}–{versions[i].Version}");
        }
        return ranges;
    }

    /// <summary>Best first: exact case, types before members, still in the newest version, packages before frameworks, then by name.</summary>
    private static int Compare(FoundApi a, FoundApi b)
    {
        int c;
        if ((c = b.ExactCase.CompareTo(a.ExactCase)) != 0) return c;
        if ((c = (a.Kind.IsType() ? 0 : 1).CompareTo(b.Kind.IsType() ? 0 : 1)) != 0) return c;
        if ((c = b.InNewest.CompareTo(a.InNewest)) != 0) return c;
        if ((c = a.PackageKind.CompareTo(b.PackageKind)) != 0) return c;
        if ((c = string.Compare(a.Package, b.Package, StringComparison.OrdinalIgnoreCase)) != 0) return c;
        if ((c = a.Symbol.Length.CompareTo(b.Symbol.Length)) != 0) return c;
        return string.CompareOrdinal(a.Symbol, b.Symbol);
    }
}
