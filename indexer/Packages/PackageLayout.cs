using ApiTruth.Indexer.Feeds;
using NuGet.Client;
using NuGet.ContentModel;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.RuntimeModel;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// Reads an extracted package the way restore does: NuGet.Packaging's managed-code conventions decide which files
/// are compile assets of which framework (no hand-parsed folder names), the nuspec gives dependencies, the
/// <c>&lt;references&gt;</c> filter and framework references.
/// </summary>
internal static class PackageLayout
{
    private const string Placeholder = "_._";

    /// <exception cref="PackageUnavailableException">The nuspec or the folder cannot be read (reason Corrupt).</exception>
    public static PackageContents Read(LocalPackage package)
    {
        try
        {
            return ReadCore(package);
        }
        catch (Exception exception) when (exception is not (PackageUnavailableException or OperationCanceledException))
        {
            throw new PackageUnavailableException(
                UnavailableReason.Corrupt,
                package.Id,
                package.Version,
                $"{package}: cannot read the package in {package.Directory}: {FeedFailures.Describe(exception)}",
                exception);
        }
    }

    private static PackageContents ReadCore(LocalPackage package)
    {
        using var reader = new PackageFolderReader(package.Directory);
        var nuspec = reader.NuspecReader;

        // Only lib/ and ref/ matter here; the package root also holds the nupkg, hash and metadata files.
        var files = reader.GetFiles()
            .Select(file => file.Replace('\\', '/'))
            .Where(file => file.StartsWith("lib/", StringComparison.OrdinalIgnoreCase)
                || file.StartsWith("ref/", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var items = new ContentItemCollection();
        items.Load(files);

        // An empty runtime graph: runtime-specific assets (runtimes/{rid}/…) are never compile assets.
        var conventions = new ManagedCodeConventions(new RuntimeGraph());
        var referenceGroups = nuspec.GetReferenceGroups().ToList();

        var groups = new List<AssetGroup>();
        groups.AddRange(ReadGroups(package, items, conventions.Patterns.CompileRefAssemblies, AssetKind.Ref, []));
        groups.AddRange(ReadGroups(package, items, conventions.Patterns.CompileLibAssemblies, AssetKind.Lib, referenceGroups));

        var dependencyGroups = nuspec.GetDependencyGroups()
            .Select(group => new DependencyGroup(
                group.TargetFramework,
                group.Packages
                    .Select(dependency => new PackageDependencyInfo(
                        dependency.Id,
                        dependency.VersionRange ?? NuGet.Versioning.VersionRange.All))
                    .ToList()))
            .ToList();

        var frameworkReferences = nuspec.GetFrameworkRefGroups()
            .SelectMany(group => group.FrameworkReferences.Select(reference => reference.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        var packageTypes = nuspec.GetPackageTypes().Select(type => type.Name).ToList();

        return new PackageContents(package, groups, dependencyGroups, frameworkReferences)
        {
            PackageTypes = packageTypes.Count > 0 ? packageTypes : ["Dependency"],
        };
    }

    private static IEnumerable<AssetGroup> ReadGroups(
        LocalPackage package,
        ContentItemCollection items,
        PatternSet patterns,
        AssetKind kind,
        IReadOnlyList<FrameworkSpecificGroup> referenceGroups)
    {
        var found = new List<ContentItemGroup>();
        items.PopulateItemGroups(patterns, found);

        var groups = new List<AssetGroup>();
        foreach (var group in found)
        {
            if (group.Items.Count == 0
                || !group.Properties.TryGetValue(ManagedCodeConventions.PropertyNames.TargetFrameworkMoniker, out var tfm)
                || tfm is not NuGetFramework framework)
            {
                continue;
            }

            var paths = group.Items.Select(item => item.Path).ToList();
            var folder = FolderOf(paths[0]);
            var assemblies = paths.Where(path => !IsPlaceholder(path)).ToList();
            var isPlaceholder = assemblies.Count == 0;

            if (kind == AssetKind.Lib && !isPlaceholder)
            {
                assemblies = ApplyReferenceFilter(assemblies, framework, referenceGroups);
            }

            groups.Add(new AssetGroup(
                folder,
                kind,
                framework,
                assemblies
                    .Order(StringComparer.OrdinalIgnoreCase)
                    .Select(path => Path.GetFullPath(Path.Combine(package.Directory, path)))
                    .ToList(),
                isPlaceholder));
        }

        return groups.OrderBy(group => group.Path, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The nuspec <c>&lt;references&gt;</c> element lists which lib/ files a consumer compiles against; restore picks
    /// the reference group nearest to the consuming framework. Per folder, that consumer is the folder's own framework.
    /// </summary>
    private static List<string> ApplyReferenceFilter(
        List<string> assemblies,
        NuGetFramework framework,
        IReadOnlyList<FrameworkSpecificGroup> referenceGroups)
    {
        if (referenceGroups.Count == 0)
        {
            return assemblies;
        }

        var referenceSet = NuGetFrameworkUtility.GetNearest(referenceGroups, framework, group => group.TargetFramework);
        if (referenceSet is null)
        {
            return assemblies;
        }

        var allowed = new HashSet<string>(referenceSet.Items, StringComparer.OrdinalIgnoreCase);
        return assemblies.Where(path => allowed.Contains(Path.GetFileName(path))).ToList();
    }

    private static string FolderOf(string itemPath)
    {
        var slash = itemPath.LastIndexOf('/');
        return slash < 0 ? itemPath : itemPath[..slash];
    }

    private static bool IsPlaceholder(string itemPath) =>
        string.Equals(Path.GetFileName(itemPath), Placeholder, StringComparison.Ordinal);
}
