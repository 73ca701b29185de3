namespace ApiTruth.Checker.Findings;

/// <summary>The verdict on one API reference of the input.</summary>
/// <param name="Path">The input file as the user named it (<c>-</c> for stdin).</param>
/// <param name="Line">1-based line in that file (for Markdown: in the Markdown file).</param>
/// <param name="Column">1-based column of the name.</param>
/// <param name="Length">Characters of the name as written, for carets and SARIF regions.</param>
/// <param name="Name">The member or type identifier as written.</param>
/// <param name="Kind">What the reference is: method, property, type, constructor, named-argument, ….</param>
/// <param name="Verdict">The conclusion.</param>
/// <param name="Evidence">How it was reached.</param>
/// <param name="Symbol">Classic doc ID of the API when bound.</param>
/// <param name="Package">The package (or framework) that defines the bound API.</param>
/// <param name="PackageVersion">Its version (for a framework: its moniker).</param>
/// <param name="Obsolete">[Obsolete] facts when the API exists and is obsolete.</param>
/// <param name="Message">One sentence for people.</param>
/// <param name="History">Lines explaining in which versions the API exists.</param>
/// <param name="Suggestions">Existing members that may have been meant (C# signatures).</param>
internal sealed record Finding(
    string Path,
    int Line,
    int Column,
    int Length,
    string Name,
    string Kind,
    Verdict Verdict,
    Evidence Evidence,
    string? Symbol,
    string? Package,
    string? PackageVersion,
    ObsoleteInfo? Obsolete,
    string Message,
    IReadOnlyList<string> History,
    IReadOnlyList<string> Suggestions);
