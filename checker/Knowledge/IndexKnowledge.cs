using ApiTruth.Checker.Findings;
using ApiTruth.History.Index;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Checker.Knowledge;

/// <summary>
/// The checker's questions answered from the SQLite index: in which indexed versions a type has a member of some
/// name, and which indexed packages define a type or extension method of some name. Presence in a version means
/// "in at least one of its asset groups": the checker asks about other versions than the pinned one, whose
/// framework-specific group may not exist for them.
/// </summary>
internal sealed class IndexKnowledge(IndexView view) : ICheckerIndex
{
    public static IndexKnowledge Open(string path) => new(new IndexView(new IndexReader(path)));

    public Task<ApiPresence?> GetMemberPresenceAsync(string packageId, string typeDocId, string memberName, CancellationToken ct)
    {
        if (Find(packageId) is not { } package) return Task.FromResult<ApiPresence?>(null);
        var apis = view.Apis(package);
        if (apis.Variants(typeDocId).Count == 0) return Task.FromResult<ApiPresence?>(null);
        var members = apis.DocIdsNamed(memberName)
            .Where(id => !id.StartsWith("T:", StringComparison.Ordinal) && DocIds.ContainingType(id) == typeDocId
                && DocIds.SimpleName(id) == memberName)
            .SelectMany(id => apis.Variants(id))
            .Select(v => v.Id)
            .ToHashSet();
        var docId = $"{typeDocId[2..]}.{memberName}";
        return Task.FromResult<ApiPresence?>(new ApiPresence(packageId, docId, Presence(package, members)));
    }

    public Task<IReadOnlyList<ApiPresence>> FindTypeAsync(string simpleName, CancellationToken ct) =>
        Task.FromResult(FindNamed(simpleName, (id, api) => id.StartsWith("T:", StringComparison.Ordinal), ct));

    public Task<IReadOnlyList<ApiPresence>> FindExtensionMethodAsync(string name, CancellationToken ct) =>
        Task.FromResult(FindNamed(name, (id, api) => api.Kind == ApiKind.Method && api.Has(ApiFlags.Extension), ct));

    private IReadOnlyList<ApiPresence> FindNamed(string name, Func<string, ApiRecord, bool> wanted, CancellationToken ct)
    {
        var found = new List<ApiPresence>();
        foreach (var package in view.Packages)
        {
            ct.ThrowIfCancellationRequested();
            if (!view.DefinesName(package, name)) continue;
            var apis = view.Apis(package);
            foreach (var docId in apis.DocIdsNamed(name).Where(id => DocIds.SimpleName(id) == name))
            {
                var variants = apis.Variants(docId).Where(v => wanted(docId, v.Api)).Select(v => v.Id).ToHashSet();
                if (variants.Count == 0) continue;
                found.Add(new ApiPresence(CheckerId(package), docId, Presence(package, variants)));
            }
        }
        return found;
    }

    private List<VersionPresence> Presence(StoredPackage package, HashSet<int> variants)
    {
        var versions = new List<VersionPresence>();
        foreach (var version in view.Timeline(package).Indexed(includePrerelease: false))
        {
            var present = variants.Count > 0 && version.Groups.Any(g => g.ApiSetId is { } set && Contains(view.ApiSet(set), variants));
            versions.Add(new VersionPresence(version.Version, present));
        }
        return versions;
    }

    private static bool Contains(int[] sortedSet, HashSet<int> variants)
    {
        foreach (var id in variants)
            if (Array.BinarySearch(sortedSet, id) >= 0) return true;
        return false;
    }

    /// <summary>The checker names frameworks by their shared framework (framework:Microsoft.NETCore.App); the index by series.</summary>
    private StoredPackage? Find(string checkerId)
    {
        if (!checkerId.StartsWith(HistoryText.FrameworkPrefix, StringComparison.Ordinal)) return view.FindPackage(checkerId);
        var framework = checkerId[HistoryText.FrameworkPrefix.Length..];
        return view.FindPackage(framework.Equals("Microsoft.AspNetCore.App", StringComparison.OrdinalIgnoreCase)
            ? FrameworkSeries.AspNetCore : FrameworkSeries.DotNet);
    }

    private static string CheckerId(StoredPackage package) => package.Kind == PackageKind.Framework
        ? HistoryText.FrameworkPrefix + (package.Name == FrameworkSeries.AspNetCore ? "Microsoft.AspNetCore.App" : "Microsoft.NETCore.App")
        : package.Name;
}
