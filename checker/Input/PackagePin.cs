namespace ApiTruth.Checker.Input;

/// <summary>Where a pin came from; earlier members win over later ones for the same package.</summary>
internal enum PinOrigin
{
    CommandLine,
    Directive,
    ProjectAssets,
    Project,
}

/// <summary>A package the snippet should be checked against.</summary>
/// <param name="Id">The package ID as written.</param>
/// <param name="Version">The exact version, or null for "the newest stable served version".</param>
/// <param name="Origin">Where the pin was found.</param>
/// <param name="IsTransitive">Known from project.assets.json to be only a dependency of another pin.</param>
internal sealed record PackagePin(string Id, string? Version, PinOrigin Origin, bool IsTransitive = false)
{
    public override string ToString() => Version is null ? Id : $"{Id}@{Version}";

    /// <summary>
    /// Merges pins by package ID (case-insensitive): the most specific origin wins
    /// (command line, then directives in the snippet, then the project's restored assets, then its project file).
    /// </summary>
    public static IReadOnlyList<PackagePin> Merge(IEnumerable<PackagePin> pins) =>
        pins.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderBy(p => p.Origin).First())
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
