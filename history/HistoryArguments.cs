using ApiTruth.Indexer.Model;
using NuGet.Frameworks;

namespace ApiTruth.History;

/// <summary>
/// The request that <c>apitruth history</c>'s positional arguments and <c>--framework</c> ask: which positionals name a
/// package and an API, and when <c>--framework</c> is the API of a framework history rather than a project's framework.
/// </summary>
internal static class HistoryArguments
{
    /// <exception cref="HistoryInputException">The arguments name no request; the message says what was expected.</exception>
    public static HistoryRequest ToRequest(IReadOnlyList<string> args, string? framework, bool allFrameworks, bool prerelease)
    {
        switch (args.Count)
        {
            case 2 when args[0].Contains('@'):
                throw new HistoryInputException($"'{args[0]}': history covers every indexed version; name the package without a version ({args[0].Split('@')[0]}).");
            case 2:
                return new HistoryRequest(args[0], args[1], framework, allFrameworks, prerelease);
            case 0 when framework is { Length: > 0 } member:
                if (IsFrameworkMoniker(member))
                    throw new HistoryInputException($"'{member}' is a framework, not an API: use 'apitruth history --framework <api>', e.g. --framework Enumerable.Chunk.");
                return new HistoryRequest(null, member, null, false, prerelease);
            case 1 when framework is { Length: > 0 } moniker && IsFrameworkMoniker(moniker):
                // "history Enumerable.Chunk --framework net8.0": a framework API asked for one moniker; the history covers all of them.
                if (FrameworkSeries.IsSeries(args[0])) break;
                return new HistoryRequest(null, args[0], null, false, prerelease);
            default:
                break;
        }
        throw new HistoryInputException("expected 'apitruth history <package> <api>', or 'apitruth history --framework <api>' for a framework API.");
    }

    private static bool IsFrameworkMoniker(string text)
    {
        var framework = NuGetFramework.Parse(text);
        return !framework.IsUnsupported && framework.Version.Major > 0;
    }
}
