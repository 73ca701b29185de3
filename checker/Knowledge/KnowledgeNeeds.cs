namespace ApiTruth.Checker.Knowledge;

/// <summary>
/// What explaining a report's findings needs the index to hold: every served version of the pinned packages and
/// the framework versions from the pinned one on, and, when a type name must be looked up, the packages newer
/// versions of the pins depend on (Polly 8 moved its types into Polly.Core).
/// </summary>
/// <param name="Framework">The target framework moniker checked (net8.0).</param>
/// <param name="AspNetCore">Whether the ASP.NET Core shared framework is part of the reference set.</param>
/// <param name="Packages">The directly pinned packages and their exact versions.</param>
/// <param name="TypeLookups">Whether some type name of the snippet is unknown to the reference set.</param>
/// <param name="Problems">Whether some finding to explain is a problem already (a member missing from a library type),
/// not only an unknown name the index might turn into one.</param>
internal sealed record KnowledgeNeeds(
    string Framework,
    bool AspNetCore,
    IReadOnlyList<(string Id, string Version)> Packages,
    bool TypeLookups,
    bool Problems);

/// <summary>What the index can say after preparing for some needs.</summary>
/// <param name="Related">Packages that are not pinned but that other versions of a pin depend on, with the pin they belong to.</param>
/// <param name="Notes">What could not be indexed, and why (offline, not served).</param>
internal sealed record KnowledgeScope(IReadOnlyDictionary<string, string> Related, IReadOnlyList<string> Notes)
{
    public static readonly KnowledgeScope Empty = new(System.Collections.Frozen.FrozenDictionary<string, string>.Empty, []);
}

/// <summary>Indexes packages and framework reference packs the index lacks; returns null when something usable was stored, else the reason.</summary>
internal delegate Task<string?> IndexMissing(IReadOnlyList<Indexer.Indexing.PackageRequest> packages,
    IReadOnlyList<Indexer.Indexing.FrameworkRequest> frameworks, CancellationToken ct);
