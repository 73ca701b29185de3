using ApiTruth.Indexer.Feeds;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// Works out the compile references a project targeting a framework with some pinned packages gets, the way
/// restore and the SDK do, close enough for binding: the framework pack, each package's compile group, and the
/// transitive dependencies (lowest served version satisfying each range; the highest of those wins when ranges
/// meet; pinned versions always win). Packages are downloaded on demand; contents are cached per instance.
/// </summary>
internal sealed class ReferenceSetBuilder
{
    // Dependency versions only ever go up between rounds, so this bound is never reached in practice.
    private const int MaxRounds = 50;

    private readonly PackageFeed _feed;
    private readonly FrameworkPacks _packs;
    private readonly AsyncCache<PackageIdentity, PackageContents> _contents = new();

    public ReferenceSetBuilder(PackageFeed feed, FrameworkPacks packs)
    {
        _feed = feed;
        _packs = packs;
    }

    /// <exception cref="ArgumentException">The same package is pinned at two versions.</exception>
    /// <exception cref="PackageUnavailableException">A pinned package or the framework pack cannot be had.</exception>
    /// <exception cref="NotSupportedException">The framework has no reference pack.</exception>
    public async Task<ReferenceSet> BuildAsync(
        NuGetFramework framework,
        IReadOnlyList<PackageIdentity> pins,
        bool aspNetCore,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(pins);
        var pinned = OrderPins(pins);

        var frameworkPack = await _packs.ResolveAsync(framework, aspNetCore: false, ct).ConfigureAwait(false);
        var sharedFrameworks = new List<FrameworkPack>();
        if (aspNetCore)
        {
            sharedFrameworks.Add(await _packs.ResolveAsync(framework, aspNetCore: true, ct).ConfigureAwait(false));
        }

        // A pin that cannot be had makes the whole set meaningless, so it throws rather than becoming a problem.
        var pinContents = new Dictionary<string, PackageContents>(StringComparer.OrdinalIgnoreCase);
        foreach (var pin in pinned)
        {
            pinContents[pin.Id] = await LoadAsync(pin, ct).ConfigureAwait(false);
        }

        return await ResolveGraphAsync(framework, frameworkPack, sharedFrameworks, pinned, pinContents, rootGroup: null, ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// What an assembly resolver needs to read one asset group of a package: the reference pack of the group's
    /// framework (or the nearest superset, see <see cref="FrameworkPacks.ResolveForAssetsAsync"/>), the group itself,
    /// and the compile assets of the dependencies the package declares for that framework (lowest served version in
    /// each range, as restore would pick them for a project targeting that framework).
    /// </summary>
    /// <exception cref="PackageUnavailableException">No usable reference pack is served.</exception>
    public async Task<ReferenceSet> BuildForAssetGroupAsync(PackageContents package, AssetGroup group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(group);
        var frameworkPack = await _packs.ResolveForAssetsAsync(group.Framework, ct).ConfigureAwait(false);
        var root = new PackageIdentity(package.Package.Id, package.Package.Version);
        var pinContents = new Dictionary<string, PackageContents>(StringComparer.OrdinalIgnoreCase) { [root.Id] = package };
        return await ResolveGraphAsync(group.Framework, frameworkPack, [], [root], pinContents, group, ct).ConfigureAwait(false);
    }

    private async Task<ReferenceSet> ResolveGraphAsync(
        NuGetFramework framework,
        FrameworkPack frameworkPack,
        List<FrameworkPack> sharedFrameworks,
        IReadOnlyList<PackageIdentity> pinned,
        IReadOnlyDictionary<string, PackageContents> pinContents,
        AssetGroup? rootGroup,
        CancellationToken ct)
    {
        var chosen = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
        var walk = new Walk(pinned, pinContents, chosen, [frameworkPack, .. sharedFrameworks]);
        for (var round = 1; ; round++)
        {
            walk = walk.Restart();
            await WalkAsync(walk, framework, ct).ConfigureAwait(false);
            if (!walk.RaisedVisited)
            {
                break;
            }

            if (round == MaxRounds)
            {
                walk.AddProblem($"dependency versions did not settle after {MaxRounds} rounds; the last round's versions are used.");
                break;
            }
        }

        var packages = walk.Packages(framework);
        if (rootGroup is not null)
        {
            packages[0] = packages[0] with { CompileGroup = rootGroup };
        }

        foreach (var package in packages.Where(p => p.Contents.HasCompileAssets && p.CompileGroup is null))
        {
            walk.AddProblem($"{package.Contents.Package} has no assets compatible with {framework.GetShortFolderName()}.");
        }

        var hasAspNetCore = sharedFrameworks.Any(pack => pack.FrameworkName == FrameworkPacks.AspNetCoreAppName);
        if (!hasAspNetCore && NeedsAspNetCore(framework, packages))
        {
            try
            {
                sharedFrameworks.Add(await _packs.ResolveAsync(framework, aspNetCore: true, ct).ConfigureAwait(false));
            }
            catch (Exception exception) when (exception is PackageUnavailableException or NotSupportedException)
            {
                walk.AddProblem($"a package needs {FrameworkPacks.AspNetCoreAppName}, whose pack is unavailable: {exception.Message}");
            }
        }

        var frameworks = new[] { frameworkPack }.Concat(sharedFrameworks).ToList();
        return new ReferenceSet(frameworkPack, packages, walk.Problems)
        {
            SharedFrameworks = sharedFrameworks,
            ProvidedByFramework = walk.ProvidedByFramework,
            SupersededAssemblies = AssemblyConflicts.Resolve(frameworks, packages),
        };
    }

    private static List<PackageIdentity> OrderPins(IReadOnlyList<PackageIdentity> pins)
    {
        var ordered = new List<PackageIdentity>();
        foreach (var pin in pins)
        {
            if (pin.Version is null)
            {
                throw new ArgumentException($"Package {pin.Id} is pinned without a version.", nameof(pins));
            }

            var existing = ordered.FirstOrDefault(p => p.Id.Equals(pin.Id, StringComparison.OrdinalIgnoreCase));
            if (existing is null)
            {
                ordered.Add(pin);
            }
            else if (existing.Version != pin.Version)
            {
                throw new ArgumentException(
                    $"Package {pin.Id} is pinned twice, at {existing.Version.ToNormalizedString()} and {pin.Version.ToNormalizedString()}.",
                    nameof(pins));
            }
        }

        return ordered;
    }

    private async Task WalkAsync(Walk walk, NuGetFramework framework, CancellationToken ct)
    {
        while (walk.Next() is { } identity)
        {
            var isPin = walk.IsPinned(identity.Id);
            if (!isPin && walk.SupersededByFramework(identity))
            {
                // The framework's own assemblies win; its dependencies are framework contracts too.
                walk.VisitProvided(identity);
                continue;
            }

            var contents = isPin ? walk.PinContents(identity.Id) : await TryLoadAsync(identity, walk, ct).ConfigureAwait(false);
            walk.Visit(identity, contents);
            if (contents is null)
            {
                continue;
            }

            var dependencies = CompileAssets.SelectDependencies(contents.DependencyGroups, framework)?.Dependencies ?? [];
            foreach (var dependency in dependencies)
            {
                if (walk.PinnedVersion(dependency.Id) is { } pinnedVersion)
                {
                    if (!dependency.Range.Satisfies(pinnedVersion))
                    {
                        walk.AddProblem(
                            $"{contents.Package} depends on {dependency}, but {dependency.Id} {pinnedVersion.ToNormalizedString()} is pinned (restore would report a downgrade).");
                    }

                    continue;
                }

                var version = await LowestServedAsync(contents, dependency, walk, ct).ConfigureAwait(false);
                if (version is not null)
                {
                    walk.Require(dependency.Id, version);
                }
            }
        }
    }

    /// <summary>NuGet's choice for a range: the lowest applicable version the sources serve.</summary>
    private async Task<NuGetVersion?> LowestServedAsync(
        PackageContents dependent,
        PackageDependencyInfo dependency,
        Walk walk,
        CancellationToken ct)
    {
        IReadOnlyList<NuGetVersion> served;
        try
        {
            served = await _feed.ListVersionsAsync(dependency.Id, ct).ConfigureAwait(false);
        }
        catch (PackageUnavailableException exception)
        {
            walk.AddProblem($"{dependent.Package} depends on {dependency}: {exception.Message}");
            return null;
        }

        var best = dependency.Range.FindBestMatch(served);
        if (best is null)
        {
            walk.AddProblem($"{dependent.Package} depends on {dependency}, but no version in that range is served.");
        }

        return best;
    }

    private async Task<PackageContents?> TryLoadAsync(PackageIdentity identity, Walk walk, CancellationToken ct)
    {
        try
        {
            return await LoadAsync(identity, ct).ConfigureAwait(false);
        }
        catch (PackageUnavailableException exception)
        {
            walk.AddProblem(exception.Message);
            return null;
        }
    }

    private Task<PackageContents> LoadAsync(PackageIdentity identity, CancellationToken ct) =>
        _contents.GetAsync(
            identity,
            async key => PackageLayout.Read(
                await _feed.EnsurePackageAsync(key.Id, key.Version, CancellationToken.None).ConfigureAwait(false)),
            ct);

    private static bool NeedsAspNetCore(NuGetFramework framework, IEnumerable<ResolvedPackage> packages) =>
        framework.Framework == FrameworkConstants.FrameworkIdentifiers.NetCoreApp
        && framework.Version.Major >= 3
        && packages.Any(package => package.Contents.FrameworkReferences.Contains(
            FrameworkPacks.AspNetCoreAppName,
            StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// One breadth-first pass over the graph from the pins. Transitive versions live in <c>chosen</c>, shared by all
    /// rounds and only ever raised; a round that raises a package it already visited asks for another round.
    /// </summary>
    private sealed class Walk
    {
        private readonly IReadOnlyList<PackageIdentity> _pins;
        private readonly IReadOnlyDictionary<string, PackageContents> _pinContents;
        private readonly Dictionary<string, NuGetVersion> _chosen;
        private readonly IReadOnlyList<FrameworkPack> _frameworks;
        private readonly Queue<string> _queue = new();
        private readonly Dictionary<string, (PackageIdentity Identity, PackageContents? Contents)> _visited = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<PackageIdentity> _provided = [];
        private readonly List<string> _problems = [];
        private readonly HashSet<string> _problemSet = new(StringComparer.Ordinal);
        private readonly List<string> _visitOrder = [];

        public Walk(
            IReadOnlyList<PackageIdentity> pins,
            IReadOnlyDictionary<string, PackageContents> pinContents,
            Dictionary<string, NuGetVersion> chosen,
            IReadOnlyList<FrameworkPack> frameworks)
        {
            _pins = pins;
            _pinContents = pinContents;
            _chosen = chosen;
            _frameworks = frameworks;
            foreach (var pin in pins)
            {
                _queue.Enqueue(pin.Id);
            }
        }

        public bool RaisedVisited { get; private set; }

        public IReadOnlyList<string> Problems => _problems;

        public IReadOnlyList<PackageIdentity> ProvidedByFramework =>
            _provided.OrderBy(identity => identity.Id, StringComparer.OrdinalIgnoreCase).ToList();

        public Walk Restart() => new(_pins, _pinContents, _chosen, _frameworks);

        public PackageIdentity? Next()
        {
            while (_queue.TryDequeue(out var id))
            {
                if (!_visited.ContainsKey(id))
                {
                    return new PackageIdentity(id, PinnedVersion(id) ?? _chosen[id]);
                }
            }

            return null;
        }

        public bool IsPinned(string id) => PinnedVersion(id) is not null;

        public NuGetVersion? PinnedVersion(string id) =>
            _pins.FirstOrDefault(pin => pin.Id.Equals(id, StringComparison.OrdinalIgnoreCase))?.Version;

        public PackageContents PinContents(string id) => _pinContents[id];

        public bool SupersededByFramework(PackageIdentity identity) =>
            _frameworks.Any(pack => pack.Supersedes(identity.Id, identity.Version));

        public void Visit(PackageIdentity identity, PackageContents? contents)
        {
            _visited[identity.Id] = (identity, contents);
            _visitOrder.Add(identity.Id);
        }

        public void VisitProvided(PackageIdentity identity)
        {
            _visited[identity.Id] = (identity, null);
            _provided.Add(identity);
        }

        public void Require(string id, NuGetVersion version)
        {
            if (!_chosen.TryGetValue(id, out var current))
            {
                _chosen[id] = version;
            }
            else if (version > current)
            {
                _chosen[id] = version;
                RaisedVisited |= _visited.ContainsKey(id);
            }

            if (!_visited.ContainsKey(id))
            {
                _queue.Enqueue(id);
            }
        }

        public void AddProblem(string problem)
        {
            if (_problemSet.Add(problem))
            {
                _problems.Add(problem);
            }
        }

        public List<ResolvedPackage> Packages(NuGetFramework framework)
        {
            var pins = _pins.Select(pin => _pinContents[pin.Id]).Select(contents => Resolve(contents, framework, isTransitive: false));
            var transitive = _visitOrder
                .Where(id => !IsPinned(id) && _visited[id].Contents is not null)
                .Order(StringComparer.OrdinalIgnoreCase)
                .Select(id => Resolve(_visited[id].Contents!, framework, isTransitive: true));
            return [.. pins, .. transitive];
        }

        private static ResolvedPackage Resolve(PackageContents contents, NuGetFramework framework, bool isTransitive) =>
            new(contents, CompileAssets.Select(contents.Groups, framework), isTransitive);
    }
}
