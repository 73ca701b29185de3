using ApiTruth.History.Availability;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History;

/// <summary>One API (one doc ID: overloads are separate matches) over the versions.</summary>
/// <param name="Symbol">The doc ID.</param>
/// <param name="Display">The C# signature (from the newest version that has it).</param>
/// <param name="Versions">Per version in order (per version and asset group with <c>--all-frameworks</c>).</param>
/// <param name="NotIndexed">Ranges between indexed versions that the index does not hold.</param>
internal sealed record HistoryMatch(
    string Symbol,
    string Display,
    ApiKind Kind,
    IReadOnlyList<VersionAvailability> Versions,
    string? Introduced,
    string? LastPresent,
    string? RemovedIn,
    IReadOnlyList<VersionGap> NotIndexed,
    string Conclusion);

/// <summary>The answer to a <see cref="HistoryRequest"/>.</summary>
/// <param name="Package">The package's stored name (".NET" for the framework series).</param>
/// <param name="Framework">The target framework used to pick asset groups; null for the framework series and with all frameworks.</param>
/// <param name="IndexedVersions">The versions considered, in order.</param>
/// <param name="VersionsWithoutAsset">Indexed versions with no asset group compatible with <see cref="Framework"/>: left out of the tables.</param>
/// <param name="MatchedIgnoringCase">Nothing matched with the query's case; the matches ignore it.</param>
/// <param name="Suggestions">Close names in the package when nothing matched.</param>
/// <param name="DefinedElsewhere">When nothing matched: other indexed packages (or framework series) that define the name.</param>
internal sealed record HistoryResult(
    string Package,
    PackageKind PackageKind,
    string Query,
    string? Framework,
    bool AllFrameworks,
    IReadOnlyList<string> IndexedVersions,
    IReadOnlyList<string> VersionsWithoutAsset,
    IReadOnlyList<HistoryMatch> Matches,
    bool MatchedIgnoringCase,
    IReadOnlyList<string> Suggestions,
    IReadOnlyList<string> DefinedElsewhere);
