using ApiTruth.Indexer.Model;

namespace ApiTruth.History.Diff;

/// <summary>What <c>apitruth diff</c> asks.</summary>
/// <param name="Framework">The project's target framework; null: the newest framework the later version supports.</param>
/// <param name="BreakingOnly">Only what can break a caller: removals and breaking changes.</param>
internal sealed record DiffRequest(string Package, string From, string To, string? Framework = null, bool BreakingOnly = false);

/// <summary>An API in a diff, with the namespace and type it is grouped under.</summary>
/// <param name="Type">The declaring type's name without namespace (<c>JsonConvert</c>, <c>Outer.Inner</c>); for a type, the type itself.</param>
internal sealed record DiffEntry(string Namespace, string Type, string Symbol, string Display, ApiKind Kind);

/// <summary>An API in both versions whose facts differ.</summary>
internal sealed record ChangedApi(DiffEntry Api, IReadOnlyList<ApiChange> Changes)
{
    public bool IsBreaking => Changes.Any(c => c.Breaking);
}

/// <summary>The answer to a <see cref="DiffRequest"/>. Lists are sorted by namespace, type, then doc ID.</summary>
/// <param name="FromAsset">The asset group compared on the old side ("lib/netstandard2.0").</param>
/// <param name="ToAsset">The asset group compared on the new side.</param>
internal sealed record DiffResult(
    string Package,
    string From,
    string To,
    string? Framework,
    string FromAsset,
    string ToAsset,
    bool BreakingOnly,
    IReadOnlyList<DiffEntry> Added,
    IReadOnlyList<DiffEntry> Removed,
    IReadOnlyList<ChangedApi> Changed)
{
    public int BreakingCount => Removed.Count + Changed.Count(c => c.IsBreaking);
}
