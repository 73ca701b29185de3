namespace ApiTruth.Checker.Findings;

/// <summary>What the checker concluded about one API reference.</summary>
internal enum Verdict
{
    Exists,
    Missing,
    NoOverload,
    NotReferenced,
    Unverifiable,
}

/// <summary>How a verdict was reached, so a guess never reads like a fact.</summary>
internal enum Evidence
{
    /// <summary>The C# binder resolved (or provably failed to resolve) the reference against a known receiver.</summary>
    Bound,

    /// <summary>The receiver's type is unknown; only the member name was compared with every type of the reference set.</summary>
    NameLevel,

    /// <summary>Nothing could be concluded: the receiver is the result of something that itself does not resolve.</summary>
    Unresolved,
}

internal static class VerdictWords
{
    public static string ToWord(this Verdict verdict) => verdict switch
    {
        Verdict.Exists => "exists",
        Verdict.Missing => "missing",
        Verdict.NoOverload => "no-overload",
        Verdict.NotReferenced => "not-referenced",
        Verdict.Unverifiable => "unverifiable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    public static string ToWord(this Evidence evidence) => evidence switch
    {
        Evidence.Bound => "bound",
        Evidence.NameLevel => "name-level",
        Evidence.Unresolved => "unresolved",
        _ => throw new ArgumentOutOfRangeException(nameof(evidence)),
    };

    /// <summary>Verdicts that make the check fail (exit code 1): the code calls something that is not there.</summary>
    public static bool IsProblem(this Verdict verdict) =>
        verdict is Verdict.Missing or Verdict.NoOverload or Verdict.NotReferenced;
}
