namespace ApiTruth.Indexer.Extraction;

internal enum ExtractionProblemKind
{
    /// <summary>The file, a type or a member could not be read: APIs may be missing from the group.</summary>
    Unreadable,

    /// <summary>Type forwarders whose target assembly is not among the resolution paths.</summary>
    UnresolvedForwarder,
}

/// <summary>Something in one assembly that could not be read: the file itself, a type, a member, or a forwarder's target.</summary>
/// <param name="AssemblyPath">The group assembly being read.</param>
/// <param name="Message">One line: what failed and why.</param>
/// <param name="Kind">What kind of failure, so callers can tell a broken file from a forwarder into an absent assembly.</param>
internal sealed record ExtractionProblem(string AssemblyPath, string Message, ExtractionProblemKind Kind = ExtractionProblemKind.Unreadable);
