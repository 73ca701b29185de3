using System.Reflection;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// When the framework and a package (or two packages) bring an assembly of the same name, the compiler must see only
/// one, or every type in it becomes ambiguous. Same rule as the SDK's conflict resolution: a package the framework's
/// PackageOverrides supersede loses outright; otherwise the higher assembly version wins, and on a tie the framework
/// (or the package met first) keeps its copy.
/// </summary>
internal static class AssemblyConflicts
{
    /// <summary>Full paths of the assemblies that lose.</summary>
    public static IReadOnlySet<string> Resolve(IReadOnlyList<FrameworkPack> frameworks, IReadOnlyList<ResolvedPackage> packages)
    {
        var losers = new HashSet<string>(StringComparer.Ordinal);
        var winners = new Dictionary<string, (string Path, bool FromFramework)>(StringComparer.OrdinalIgnoreCase);

        foreach (var path in frameworks.SelectMany(pack => pack.Assemblies))
        {
            winners.TryAdd(Path.GetFileNameWithoutExtension(path), (path, true));
        }

        foreach (var package in packages)
        {
            if (package.CompileGroup is null)
            {
                continue;
            }

            var identity = package.Contents.Package;
            var supersededPackage = frameworks.Any(pack => pack.Supersedes(identity.Id, identity.Version));
            foreach (var path in package.CompileGroup.Assemblies)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!winners.TryGetValue(name, out var current))
                {
                    winners[name] = (path, false);
                    continue;
                }

                if (string.Equals(current.Path, path, StringComparison.Ordinal))
                {
                    continue;
                }

                if (supersededPackage && current.FromFramework)
                {
                    losers.Add(path);
                    continue;
                }

                var challenger = AssemblyVersionOf(path);
                var incumbent = AssemblyVersionOf(current.Path);
                if (challenger is not null && incumbent is not null && challenger > incumbent)
                {
                    losers.Add(current.Path);
                    winners[name] = (path, false);
                }
                else
                {
                    losers.Add(path);
                }
            }
        }

        return losers;
    }

    private static Version? AssemblyVersionOf(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version;
        }
        catch (Exception exception) when (exception is BadImageFormatException or IOException or ArgumentException)
        {
            return null;
        }
    }
}
