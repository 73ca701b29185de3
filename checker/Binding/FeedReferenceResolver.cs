using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Versioning;
using ApiTruth.Checker.Input;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Packages;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// The reference set the way restore and the SDK would compile it, from the user's NuGet configuration: the
/// framework's reference pack, each pin's compile assets and its dependencies (downloaded into the global packages
/// folder when absent). A pin without a version gets the newest stable served version.
/// </summary>
internal sealed class FeedReferenceResolver(PackageFeed feed, ReferenceSetBuilder builder) : IReferenceResolver
{
    public FeedReferenceResolver(PackageFeed feed)
        : this(feed, new ReferenceSetBuilder(feed, new FrameworkPacks(feed)))
    {
    }

    public async Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        var identities = new List<PackageIdentity>();
        var chosen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pin in pins)
        {
            if (pin.Version is not null)
            {
                identities.Add(new PackageIdentity(pin.Id, NuGetVersion.Parse(pin.Version)));
                continue;
            }
            var newest = await NewestStableAsync(pin.Id, ct);
            identities.Add(new PackageIdentity(pin.Id, newest));
            chosen[pin.Id] = feed.IsOffline
                ? "newest stable version in the packages folder (offline; no version was given)"
                : "newest stable served version (no version was given)";
        }
        ReferenceSet set;
        try
        {
            set = await builder.BuildAsync(NuGetFramework.Parse(framework), identities, aspNetCore, ct);
        }
        catch (PackageUnavailableException e)
        {
            throw new InputException(
                feed.IsOffline && e.Reason is UnavailableReason.NotServed or UnavailableReason.Offline
                    ? $"{e.PackageDisplay} is not in the global packages folder, and offline (--offline) nothing is downloaded"
                : e.Reason == UnavailableReason.NotServed ? $"{e.PackageDisplay} is not served by the configured package sources"
                : e.Message);
        }
        catch (NotSupportedException e)
        {
            throw new InputException($"{framework}: {e.Message}");
        }

        var assemblies = new List<ReferenceAssembly>();
        var superseded = set.SupersededAssemblies;
        foreach (var pack in new[] { set.Framework }.Concat(set.SharedFrameworks))
        {
            var owner = new AssemblyOwner(pack.FrameworkName, pack.Moniker, IsFramework: true, IsTransitive: false);
            assemblies.AddRange(pack.Assemblies.Where(p => !superseded.Contains(p)).Select(p => new ReferenceAssembly(p, owner)));
        }
        var packages = new List<ResolvedPackage>();
        foreach (var package in set.Packages)
        {
            var id = package.Contents.Package.Id;
            var version = package.Contents.Package.Version.ToNormalizedString();
            var pinnedId = pins.FirstOrDefault(p => p.Id.Equals(id, StringComparison.OrdinalIgnoreCase))?.Id ?? id;
            packages.Add(new ResolvedPackage(pinnedId, version, package.IsTransitive, chosen.GetValueOrDefault(pinnedId)));
            var owner = new AssemblyOwner(pinnedId, version, IsFramework: false, package.IsTransitive);
            assemblies.AddRange((package.CompileGroup?.Assemblies ?? []).Where(p => !superseded.Contains(p)).Select(p => new ReferenceAssembly(p, owner)));
        }
        var distinct = assemblies.DistinctBy(a => a.Path, StringComparer.Ordinal).ToList();
        var analyzers = new[] { set.Framework }.Concat(set.SharedFrameworks)
            .SelectMany(pack => AnalyzerFolders.Assemblies(Path.GetFullPath(Path.Combine(pack.Directory, "..", ".."))).Select(p => new AnalyzerAssembly(p, FromFramework: true)))
            .Concat(set.Packages.SelectMany(p => AnalyzerFolders.Assemblies(p.Contents.Package.Directory)).Select(p => new AnalyzerAssembly(p, FromFramework: false)))
            .DistinctBy(a => a.Path, StringComparer.Ordinal)
            .ToList();
        return new ResolvedReferences(set.Framework.Moniker, distinct, packages, set.Problems) { Analyzers = analyzers };
    }

    private async Task<NuGetVersion> NewestStableAsync(string id, CancellationToken ct)
    {
        IReadOnlyList<NuGetVersion> versions;
        try
        {
            versions = await feed.ListVersionsAsync(id, ct);
        }
        catch (PackageUnavailableException e)
        {
            throw new InputException(e.Message);
        }
        if (versions.Count == 0)
            throw new InputException(feed.IsOffline
                ? $"'{id}' is not in the global packages folder, and offline nothing is downloaded"
                : $"unknown package '{id}': no configured package source serves it");
        return versions.Where(v => !v.IsPrerelease).DefaultIfEmpty(versions[^1]).Max()!;
    }
}
