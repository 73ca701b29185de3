using ApiTruth.Checker.Findings;
using ApiTruth.History.Index;
using ApiTruth.Indexer.Indexing;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Checker.Knowledge;

/// <summary>
/// The checker's questions answered from the SQLite index: in which indexed versions a type has a member of some
/// name, and which indexed packages define a type or extension method of some name. Presence in a version means
/// "in at least one of its asset groups": the checker asks about other versions than the pinned one, whose
/// framework-specific group may not exist for them. With an <see cref="IndexMissing"/> it fills the index with
/// what an explanation needs before answering (the index file may not exist yet); without one it answers from
/// what is there and says what is missing.
/// </summary>
internal sealed class IndexKnowledge : ICheckerIndex, IDisposable
{
    private readonly string _path;
    private readonly IndexMissing? _indexMissing;
    private readonly string _offlineReason;
    // What this process already asked the indexer for: a package that cannot be indexed is not retried per file.
    private readonly HashSet<string> _attempted = new(StringComparer.OrdinalIgnoreCase);
    // Preparing swaps the view; checks that share this instance wait for each other there.
    private readonly SemaphoreSlim _preparing = new(1, 1);
    private IndexReader? _reader;
    private string? _formatProblem;
    private IndexView? _view;

    /// <param name="path">The index file; it may not exist yet.</param>
    /// <param name="indexMissing">Indexes what is missing, or null when that is not allowed.</param>
    /// <param name="offlineReason">Why nothing is indexed on demand, for the notes (e.g. "--offline").</param>
    public IndexKnowledge(string path, IndexMissing? indexMissing = null, string offlineReason = "no indexing on demand")
    {
        _path = path;
        _indexMissing = indexMissing;
        _offlineReason = offlineReason;
        Reopen();
    }

    public static IndexKnowledge Open(string path) => new(path);

    /// <summary>Reads what every type or extension-method question reads first (the packages' name lists), ahead of need.</summary>
    public void Warm()
    {
        if (_view is not { } view) return;
        foreach (var package in view.Packages) view.DefinesName(package, "");
    }

    /// <summary>Whether unknown type names alone are reason to index on demand (true), or only problems to explain.</summary>
    public bool IndexForUnknownTypes { get; init; } = true;

    public async Task<KnowledgeScope> PrepareAsync(KnowledgeNeeds needs, CancellationToken ct)
    {
        await _preparing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await PrepareLockedAsync(needs, ct).ConfigureAwait(false);
        }
        finally
        {
            _preparing.Release();
        }
    }

    private async Task<KnowledgeScope> PrepareLockedAsync(KnowledgeNeeds needs, CancellationToken ct)
    {
        if (!needs.Problems && !IndexForUnknownTypes) return new KnowledgeScope(RelatedIndexed(needs), []);
        var packages = new List<PackageRequest>();
        foreach (var (id, version) in needs.Packages)
        {
            if (Lacks(id, version) is { } request && FirstAttempt(request)) packages.Add(PackageRequest.Parse(request));
        }
        var frameworks = FrameworksToIndex(needs).Where(f => FirstAttempt("framework:" + f.Moniker + (f.AspNetCore ? "+aspnet" : ""))).ToList();
        var notes = new List<string>();
        await IndexAsync(packages, frameworks, notes, ct).ConfigureAwait(false);

        var related = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (needs.TypeLookups)
        {
            var dependencies = new List<PackageRequest>();
            foreach (var (id, _) in needs.Packages)
            {
                foreach (var (dependency, version, owner) in NewestDependenciesOfFamily(id))
                {
                    if (needs.Packages.Any(p => p.Id.Equals(dependency, StringComparison.OrdinalIgnoreCase))) continue;
                    related.TryAdd(dependency, owner);
                    if (Lacks(dependency, version) is { } request && FirstAttempt(request)) dependencies.Add(PackageRequest.Parse(request));
                }
            }
            await IndexAsync(dependencies, [], notes, ct).ConfigureAwait(false);
        }
        return new KnowledgeScope(related, notes);
    }

    /// <summary>The family dependencies of the pins that the index already holds.</summary>
    private Dictionary<string, string> RelatedIndexed(KnowledgeNeeds needs)
    {
        var related = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, _) in needs.Packages)
        {
            foreach (var (dependency, _, owner) in NewestDependenciesOfFamily(id))
            {
                if (!needs.Packages.Any(p => p.Id.Equals(dependency, StringComparison.OrdinalIgnoreCase)) && _view?.FindPackage(dependency) is not null)
                    related.TryAdd(dependency, owner);
            }
        }
        return related;
    }

    // Offline, every report says what it lacked; online, what failed to index once is not retried.
    private bool FirstAttempt(string request) => _indexMissing is null || _attempted.Add(request);

    public Task<ApiPresence?> GetMemberPresenceAsync(string packageId, string typeDocId, string memberName, CancellationToken ct)
    {
        if (_view is not { } view || Find(view, packageId) is not { } package) return Task.FromResult<ApiPresence?>(null);
        var apis = view.Apis(package);
        if (apis.Variants(typeDocId).Count == 0) return Task.FromResult<ApiPresence?>(null);
        var members = apis.DocIdsNamed(memberName)
            .Where(id => !id.StartsWith("T:", StringComparison.Ordinal) && DocIds.ContainingType(id) == typeDocId
                && DocIds.SimpleName(id) == memberName)
            .SelectMany(id => apis.Variants(id))
            .Select(v => v.Id)
            .ToHashSet();
        var docId = $"{typeDocId[2..]}.{memberName}";
        return Task.FromResult<ApiPresence?>(new ApiPresence(packageId, docId, Presence(view, package, members)));
    }

    public Task<IReadOnlyList<ApiPresence>> FindTypeAsync(string simpleName, CancellationToken ct) =>
        Task.FromResult(FindNamed(simpleName, (id, api) => id.StartsWith("T:", StringComparison.Ordinal), ct));

    public Task<IReadOnlyList<ApiPresence>> FindExtensionMethodAsync(string name, CancellationToken ct) =>
        Task.FromResult(FindNamed(name, (id, api) => api.Kind == ApiKind.Method && api.Has(ApiFlags.Extension), ct));

    public void Dispose()
    {
        _reader?.Dispose();
        _preparing.Dispose();
    }

    private async Task IndexAsync(List<PackageRequest> packages, List<FrameworkRequest> frameworks, List<string> notes, CancellationToken ct)
    {
        if (packages.Count == 0 && frameworks.Count == 0) return;
        var what = string.Join(", ", packages.Select(p => p.ToString()).Concat(frameworks.Select(f => f.Moniker)));
        if (_indexMissing is null)
        {
            notes.Add($"not indexed, so explanations are limited: {what} ({_offlineReason})");
            return;
        }
        if (_formatProblem is not null) notes.Add($"the index was of an older format ({_formatProblem}); what is needed was indexed again");
        var failure = await _indexMissing(packages, frameworks, ct).ConfigureAwait(false);
        if (failure is not null) notes.Add($"could not index {what}: {failure}");
        Reopen();
    }

    // A fresh view: the views cache what they read, and the index just changed under them.
    private void Reopen()
    {
        _reader?.Dispose();
        _reader = null;
        _view = null;
        if (!File.Exists(_path)) return;
        try
        {
            _reader = new IndexReader(_path);
        }
        catch (InvalidDataException e) when (_indexMissing is not null)
        {
            // An index of an older format: the writer migrates it when indexing on demand fills it again.
            _formatProblem = e.Message;
            return;
        }
        _formatProblem = null;
        _view = new IndexView(_reader);
    }

    /// <summary>
    /// The request that fills what the index lacks for a pin: every served version (the runner skips those already
    /// indexed) when the package or its pinned version is not stored, so a package indexed at one version earlier
    /// gets its history completed; nothing when the pinned version is stored.
    /// </summary>
    // A package indexed a version at a time (apitruth index Id@1.0), or by a run that was cut short, may lack the versions
    // its history is told from: it is completed (versions already stored are skipped).
    private string? Lacks(string id, string version)
    {
        if (_view?.FindPackage(id) is not { } package) return id;
        return !package.IsComplete || _view.Timeline(package).Find(version) is null ? id : null;
    }

    /// <summary>The pinned framework and every later one of its series (history's "introduced in" needs them all), not yet stored.</summary>
    private IEnumerable<FrameworkRequest> FrameworksToIndex(KnowledgeNeeds needs)
    {
        var pinned = NuGetFramework.Parse(needs.Framework);
        var series = FrameworkSeries.Monikers.Select(NuGetFramework.Parse).ToList();
        int from = series.FindIndex(f => f.Equals(pinned));
        if (from < 0) yield break; // .NET Framework and platform-specific monikers are not stored as a series
        var dotNet = _view?.FindPackage(FrameworkSeries.DotNet) is { } stored ? _view.Timeline(stored) : null;
        var aspNet = _view?.FindPackage(FrameworkSeries.AspNetCore) is { } storedAsp ? _view.Timeline(storedAsp) : null;
        foreach (var framework in series.Skip(from))
        {
            var moniker = framework.GetShortFolderName();
            bool aspNetWanted = needs.AspNetCore && framework.Framework == FrameworkConstants.FrameworkIdentifiers.NetCoreApp;
            bool lacksDotNet = dotNet?.Find(moniker) is null;
            bool lacksAspNet = aspNetWanted && aspNet?.Find(moniker) is null;
            if (lacksDotNet || lacksAspNet) yield return new FrameworkRequest(moniker, aspNetWanted);
        }
    }

    /// <summary>
    /// The dependencies of the newest indexed version of a package that belong to its family (their id shares its
    /// first name part, two for Microsoft.* and System.*), with the version that version asks for.
    /// </summary>
    private IEnumerable<(string Id, string Version, string Owner)> NewestDependenciesOfFamily(string id)
    {
        if (_view?.FindPackage(id) is not { } package) yield break;
        var newest = _view.Timeline(package).Indexed(includePrerelease: false).LastOrDefault();
        if (newest is null) yield break;
        var family = FamilyPrefix(package.Name);
        foreach (var dependency in _view.Reader.GetDependencies(newest.Stored.Id).DistinctBy(d => d.Package, StringComparer.OrdinalIgnoreCase))
        {
            if (!dependency.Package.StartsWith(family, StringComparison.OrdinalIgnoreCase)) continue;
            if (!VersionRange.TryParse(dependency.Range, out var range) || range.MinVersion is null) continue;
            yield return (dependency.Package, range.MinVersion.ToNormalizedString(), $"{package.Name} {newest.Version}");
        }
    }

    private static string FamilyPrefix(string id)
    {
        var parts = id.Split('.');
        int take = parts[0] is "Microsoft" or "System" ? 2 : 1;
        return string.Join('.', parts.Take(Math.Min(take, parts.Length))) + (parts.Length > take ? "." : "");
    }

    private IReadOnlyList<ApiPresence> FindNamed(string name, Func<string, ApiRecord, bool> wanted, CancellationToken ct)
    {
        var found = new List<ApiPresence>();
        if (_view is not { } view) return found;
        foreach (var package in view.Packages)
        {
            ct.ThrowIfCancellationRequested();
            if (!view.DefinesName(package, name)) continue;
            var apis = view.Apis(package);
            foreach (var docId in apis.DocIdsNamed(name).Where(id => DocIds.SimpleName(id) == name))
            {
                var variants = apis.Variants(docId).Where(v => wanted(docId, v.Api)).Select(v => v.Id).ToHashSet();
                if (variants.Count == 0) continue;
                found.Add(new ApiPresence(CheckerId(package), docId, Presence(view, package, variants)));
            }
        }
        return found;
    }

    private static List<VersionPresence> Presence(IndexView view, StoredPackage package, HashSet<int> variants)
    {
        var versions = new List<VersionPresence>();
        foreach (var version in view.Timeline(package).Versions.Where(v => !v.IsPrerelease))
        {
            if (!version.IsIndexed)
            {
                versions.Add(new VersionPresence(version.Version, Present: false, Indexed: false));
                continue;
            }
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
    private static StoredPackage? Find(IndexView view, string checkerId)
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
