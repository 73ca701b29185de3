namespace ApiTruth.Checker.Findings;

/// <summary>Whether an API is in one version of a package (or framework).</summary>
/// <param name="Indexed">False for a version the index knows of but could not read (not served, failed): presence there is unknown.</param>
internal sealed record VersionPresence(string Version, bool Present, bool Indexed = true);

/// <summary>
/// In which indexed versions of a package something exists, in NuGet version order (for a framework:
/// <c>framework:Microsoft.NETCore.App</c> with monikers such as <c>net8.0</c> as versions, in framework order).
/// </summary>
internal sealed record ApiPresence(string PackageId, string DocId, IReadOnlyList<VersionPresence> Versions);

/// <summary>
/// What the checker asks the SQLite index: the knowledge the compiler lacks (other versions, other packages).
/// The checker works without one; its explanations are then simply absent.
/// </summary>
internal interface ICheckerIndex
{
    /// <summary>
    /// Makes the index hold what explaining findings against these pins needs (indexing it on demand when that is
    /// allowed). Called before the first explanation of a report; cheap when everything is there.
    /// </summary>
    Task<Knowledge.KnowledgeScope> PrepareAsync(Knowledge.KnowledgeNeeds needs, CancellationToken ct);

    /// <summary>
    /// The indexed versions of <paramref name="packageId"/> in which type <paramref name="typeDocId"/> has a member
    /// named <paramref name="memberName"/> (any overload, inherited members not included); null when the type
    /// itself is not indexed for that package.
    /// </summary>
    Task<ApiPresence?> GetMemberPresenceAsync(string packageId, string typeDocId, string memberName, CancellationToken ct);

    /// <summary>Every indexed package (and framework) that defines a public type with this simple name, with the versions that do.</summary>
    Task<IReadOnlyList<ApiPresence>> FindTypeAsync(string simpleName, CancellationToken ct);

    /// <summary>Every indexed package (and framework) with a public extension method of this name, with the versions that have it.</summary>
    Task<IReadOnlyList<ApiPresence>> FindExtensionMethodAsync(string name, CancellationToken ct);
}
