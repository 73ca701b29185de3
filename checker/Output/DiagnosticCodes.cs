using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Output;

/// <summary>The diagnostic IDs of MSBuild and SARIF output, and how severe each finding is.</summary>
internal static class DiagnosticCodes
{
    public const string Missing = "APITRUTH001";
    public const string NoOverload = "APITRUTH002";
    public const string NotReferenced = "APITRUTH003";
    public const string Obsolete = "APITRUTH004";
    public const string SyntaxError = "APITRUTH005";

    public static readonly IReadOnlyList<(string Id, string Name, string Description)> Rules =
    [
        (Missing, "MissingApi", "The API does not exist in the pinned version of its package or framework."),
        (NoOverload, "NoMatchingOverload", "The member exists, but no overload takes these arguments (count, names, ref kinds)."),
        (NotReferenced, "PackageNotReferenced", "The API exists in a package that the project does not reference."),
        (Obsolete, "ObsoleteApi", "The API exists but is marked [Obsolete]."),
        (SyntaxError, "SyntaxError", "The C# code has a syntax error; the rest of it was still checked."),
    ];

    /// <summary>Findings shown as diagnostics: problems, and obsolete APIs that exist.</summary>
    public static bool IsReported(Finding f) => f.Verdict.IsProblem() || f.Obsolete is not null;

    public static string CodeOf(Finding f) => f.Verdict switch
    {
        Verdict.Missing => Missing,
        Verdict.NoOverload => NoOverload,
        Verdict.NotReferenced => NotReferenced,
        _ => Obsolete,
    };

    /// <summary>A verdict reached by name only is a warning: a guess must not read like a fact.</summary>
    public static bool IsError(Finding f) =>
        f.Verdict.IsProblem() ? f.Evidence == Evidence.Bound : f.Obsolete?.IsError == true;

    /// <summary>The message with its history and suggestions on one line.</summary>
    public static string OneLine(Finding f)
    {
        var parts = new List<string> { f.Message };
        if (f.Package is not null && f.Verdict.IsProblem()) parts[0] += $" [{f.Package} {f.PackageVersion}]";
        parts.AddRange(f.History);
        if (f.Suggestions.Count > 0) parts.Add("did you mean " + string.Join(" or ", f.Suggestions.Select(s => $"'{s}'")) + "?");
        return string.Join("; ", parts).ReplaceLineEndings(" ");
    }
}
