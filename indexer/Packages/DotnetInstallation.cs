using System.Runtime.InteropServices;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// Finds the .NET installation's <c>packs</c> folder (…/dotnet/packs), where the SDK keeps the reference packs it
/// ships. Using them saves a download and matches what the SDK on this machine compiles against.
/// </summary>
internal static class DotnetInstallation
{
    /// <summary>The packs folder, or null when no .NET installation with one can be found.</summary>
    public static string? FindPacksFolder()
    {
        foreach (var root in CandidateRoots())
        {
            var packs = Path.Combine(root, "packs");
            if (Directory.Exists(packs))
            {
                return packs;
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateRoots()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            yield return dotnetRoot;
        }

        // The running runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var runtimeRoot = Directory.GetParent(Path.TrimEndingDirectorySeparator(runtimeDirectory))?.Parent?.Parent;
        if (runtimeRoot is not null)
        {
            yield return runtimeRoot.FullName;
        }

        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(directory, executable);
            if (!File.Exists(candidate))
            {
                continue;
            }

            // /usr/bin/dotnet is usually a link into the installation.
            var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            if (Path.GetDirectoryName(target) is { } installation)
            {
                yield return installation;
            }
        }
    }
}
