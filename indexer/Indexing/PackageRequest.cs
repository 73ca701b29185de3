using NuGet.Versioning;

namespace ApiTruth.Indexer.Indexing;

/// <summary>
/// What the user asked to index: <c>Id</c> (every served version), <c>Id@1.2.3</c> (exactly that version) or
/// <c>Id@[1.0,2.0)</c> (every served version in the NuGet range).
/// </summary>
internal sealed record PackageRequest(string Id, NuGetVersion? ExactVersion, VersionRange? Range)
{
    public static PackageRequest Parse(string text)
    {
        text = text.Trim();
        var at = text.IndexOf('@');
        var id = at < 0 ? text : text[..at];
        if (!IsValidId(id)) throw new FormatException($"'{text}' is not a package: expected Id, Id@Version or Id@[range].");
        if (at < 0) return new PackageRequest(id, null, null);
        var versionText = text[(at + 1)..].Trim();
        if (versionText.Length == 0) throw new FormatException($"'{text}' has an empty version after '@'.");
        if (versionText[0] is '[' or '(')
        {
            return VersionRange.TryParse(versionText, out var range)
                ? new PackageRequest(id, null, range)
                : throw new FormatException($"'{versionText}' is not a NuGet version range (e.g. [12.0,14.0)).");
        }
        return NuGetVersion.TryParse(versionText, out var version)
            ? new PackageRequest(id, version, null)
            : throw new FormatException($"'{versionText}' is not a NuGet version.");
    }

    public override string ToString() => ExactVersion is not null ? $"{Id}@{ExactVersion}" : Range is not null ? $"{Id}@{Range}" : Id;

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 100 && (char.IsLetterOrDigit(id[0]) || id[0] == '_')
        && id.All(c => char.IsLetterOrDigit(c) || c is '.' || c is '-' || c is '_');
}
