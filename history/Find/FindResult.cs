using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Find;

/// <summary>What <c>apitruth find</c> asks.</summary>
/// <param name="Name">A simple name (<c>Policy</c>), <c>Type.Member</c>, a qualified name, or a doc ID; case is ignored.</param>
/// <param name="Limit">At most this many matches are returned (best first); the total is always counted.</param>
internal sealed record FindRequest(string Name, bool IncludePrerelease = false, int Limit = 50);

/// <summary>One API with the name, in one package.</summary>
/// <param name="Versions">The indexed versions that have it (in any asset group), in order.</param>
/// <param name="VersionRanges">The same as runs over the indexed versions: "9.0.1", "11.0.1–13.0.4".</param>
/// <param name="IndexedVersionCount">How many versions of the package are indexed (and considered).</param>
/// <param name="InNewest">The newest indexed version has it.</param>
/// <param name="ExactCase">The name matches with the query's case.</param>
internal sealed record FoundApi(
    string Package,
    PackageKind PackageKind,
    string Symbol,
    string Display,
    ApiKind Kind,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> VersionRanges,
    int IndexedVersionCount,
    bool InNewest,
    bool ExactCase);

/// <summary>The answer to a <see cref="FindRequest"/>.</summary>
/// <param name="Total">All matches, of which <see cref="Matches"/> holds the best ones up to the limit.</param>
/// <param name="Suggestions">Close names across the index when nothing matched.</param>
internal sealed record FindResult(string Query, IReadOnlyList<FoundApi> Matches, int Total, IReadOnlyList<string> Suggestions);
