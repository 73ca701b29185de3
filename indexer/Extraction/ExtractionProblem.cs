namespace ApiTruth.Indexer.Extraction;

/// <summary>Something in one assembly that could not be read: the file itself, a type, a member, or a forwarder's target.</summary>
/// <param name="AssemblyPath">The group assembly being read.</param>
/// <param name="Message">One line: what failed and why.</param>
internal sealed record ExtractionProblem(string AssemblyPath, string Message);
