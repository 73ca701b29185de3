using System.Xml;
using System.Xml.Linq;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// The .NET SDK's default package conflict overrides (Microsoft.NET.DefaultPackageConflictOverrides.targets): the
/// System.* contract packages of the netstandard1.x era that the NETStandard.Library facades supersede for every
/// target framework. The SDK applies them in its conflict resolution; reading the installed SDK's own list keeps
/// ApiTruth in step with the compiler it imitates.
/// </summary>
internal static class SdkPackageConflictOverrides
{
    private const string TargetsFile = "Microsoft.NET.DefaultPackageConflictOverrides.targets";
    private const string NetStandardItem = "NETStandard.Library";

    /// <summary>The NETStandard.Library overrides of the newest installed SDK; empty when no SDK is found.</summary>
    public static IReadOnlyDictionary<string, NuGetVersion> LoadNetStandard()
    {
        var path = FindTargetsFile();
        return path is null ? new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase) : ParseNetStandard(path);
    }

    /// <summary>Reads the unconditional NETStandard.Library item of a targets file; an unreadable file gives nothing.</summary>
    public static IReadOnlyDictionary<string, NuGetVersion> ParseNetStandard(string targetsPath)
    {
        var overrides = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
        XDocument document;
        try
        {
            document = XDocument.Load(targetsPath);
        }
        catch (Exception exception) when (exception is IOException or XmlException or UnauthorizedAccessException)
        {
            return overrides;
        }

        var items = document.Descendants()
            .Where(element => element.Name.LocalName == "PackageConflictOverrides"
                && string.Equals((string?)element.Attribute("Include"), NetStandardItem, StringComparison.OrdinalIgnoreCase));
        foreach (var item in items)
        {
            var list = item.Elements().FirstOrDefault(element => element.Name.LocalName == "OverriddenPackages")?.Value ?? "";
            foreach (var entry in list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = entry.Split('|', StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && NuGetVersion.TryParse(parts[1], out var version))
                {
                    overrides[parts[0]] = version;
                }
            }
        }

        return overrides;
    }

    private static string? FindTargetsFile()
    {
        if (DotnetInstallation.FindPacksFolder() is not { } packs || Path.GetDirectoryName(packs) is not { } root)
        {
            return null;
        }

        var sdkFolder = Path.Combine(root, "sdk");
        if (!Directory.Exists(sdkFolder))
        {
            return null;
        }

        return Directory.GetDirectories(sdkFolder)
            .Select(folder => (Folder: folder, Version: NuGetVersion.TryParse(Path.GetFileName(folder), out var v) ? v : null))
            .Where(entry => entry.Version is not null)
            .OrderByDescending(entry => entry.Version)
            .Select(entry => Path.Combine(entry.Folder, "Sdks", "Microsoft.NET.Sdk", "targets", TargetsFile))
            .FirstOrDefault(File.Exists);
    }
}
