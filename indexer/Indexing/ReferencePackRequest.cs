using NuGet.Versioning;

namespace ApiTruth.Indexer.Indexing;

/// <summary>
/// A framework reference pack named as a package (<c>Microsoft.NETCore.App.Ref@8.0.0</c>) is a framework
/// version, not a package: it is stored in the framework series under its moniker.
/// </summary>
internal static class ReferencePackRequest
{
    public static bool TryMap(string text, out FrameworkRequest framework)
    {
        framework = null!;
        var at = text.IndexOf('@');
        var id = (at < 0 ? text : text[..at]).Trim();
        var isNetCore = id.Equals("Microsoft.NETCore.App.Ref", StringComparison.OrdinalIgnoreCase);
        var isAspNet = id.Equals("Microsoft.AspNetCore.App.Ref", StringComparison.OrdinalIgnoreCase);
        var isStandard = id.Equals("NETStandard.Library.Ref", StringComparison.OrdinalIgnoreCase);
        if (!isNetCore && !isAspNet && !isStandard) return false;
        if (at < 0 || !NuGetVersion.TryParse(text[(at + 1)..].Trim(), out var version))
            throw new FormatException($"'{text}': name the reference pack's version (e.g. {id}@8.0.0), or use --framework net8.0.");
        var moniker = isStandard ? $"netstandard{version.Major}.{version.Minor}"
            : version.Major >= 5 ? $"net{version.Major}.{version.Minor}" : $"netcoreapp{version.Major}.{version.Minor}";
        framework = new FrameworkRequest(moniker, isAspNet);
        return true;
    }
}
