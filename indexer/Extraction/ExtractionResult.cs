using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Extraction;

/// <summary>The public surface of one asset group, and what could not be read of it.</summary>
/// <param name="Apis">One record per doc ID, in the order of the group's assemblies and their metadata.</param>
/// <param name="Problems">Assemblies, types or members that could not be read; what could be read is still in <paramref name="Apis"/>.</param>
internal sealed record ExtractionResult(IReadOnlyList<ApiRecord> Apis, IReadOnlyList<ExtractionProblem> Problems);
