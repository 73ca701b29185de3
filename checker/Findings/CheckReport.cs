using ApiTruth.Checker.Binding;

namespace ApiTruth.Checker.Findings;

/// <summary>A C# syntax error in the input; the rest of the snippet is still checked.</summary>
internal sealed record SyntaxProblem(string Path, int Line, int Column, string Code, string Message);

/// <summary>The outcome of checking some inputs against one framework and one resolved package set.</summary>
/// <param name="Notes">Things the user should know (a version chosen for them, a dependency not served, usings added).</param>
internal sealed record CheckReport(
    string Framework,
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SyntaxProblem> SyntaxErrors,
    IReadOnlyList<string> Notes)
{
    public bool HasProblems => Findings.Any(f => f.Verdict.IsProblem());

    public int Count(Verdict verdict) => Findings.Count(f => f.Verdict == verdict);

    public int ObsoleteCount => Findings.Count(f => f.Obsolete is not null);
}
