namespace ApiTruth.Checker.Binding;

/// <summary>Who ships an assembly of the reference set: a package version, or the framework (version = its moniker).</summary>
internal sealed record AssemblyOwner(string Id, string Version, bool IsFramework, bool IsTransitive)
{
    public override string ToString() => IsFramework ? $"{Id} ({Version})" : $"{Id} {Version}";
}

/// <summary>One compile-time assembly of the reference set.</summary>
internal sealed record ReferenceAssembly(string Path, AssemblyOwner Owner);

/// <summary>An analyzer assembly of the reference set (a reference pack's generators only run for partial declarations).</summary>
internal sealed record AnalyzerAssembly(string Path, bool FromFramework);

/// <summary>A package of the reference set as resolved.</summary>
/// <param name="Note">Why this version, when the user did not say exactly (e.g. "newest stable served version").</param>
internal sealed record ResolvedPackage(string Id, string Version, bool IsTransitive, string? Note = null);

/// <summary>The exact assemblies a snippet is bound against: a framework's reference pack plus the pinned packages' compile assets.</summary>
/// <param name="Framework">The target framework moniker (<c>net8.0</c>).</param>
/// <param name="Problems">Things that could not be resolved but did not stop the check (a dependency not served, …).</param>
internal sealed record ResolvedReferences(
    string Framework,
    IReadOnlyList<ReferenceAssembly> Assemblies,
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<string> Problems)
{
    /// <summary>Analyzer assemblies that may hold source generators: the packages' and the reference packs'.</summary>
    public IReadOnlyList<AnalyzerAssembly> Analyzers { get; init; } = [];

    /// <summary>Identifies the set for caches: same assemblies, same compilation.</summary>
    public string Key { get; } = Framework + "|" + string.Join("|", Assemblies.Select(a => a.Path).Order(StringComparer.Ordinal));
}
