namespace ApiTruth.Checker.Input;

/// <summary>One unit of C# code to check: a file, stdin, or one fenced block of a Markdown file.</summary>
/// <param name="Path">The file as the user named it (<c>-</c> for stdin); findings point here.</param>
/// <param name="Text">The C# text of this unit alone.</param>
/// <param name="FirstLine">1-based line of <paramref name="Path"/> where <paramref name="Text"/> starts (Markdown blocks start after their fence).</param>
/// <param name="Indent">Columns that were removed from every line (a fence indented inside a Markdown list).</param>
internal sealed record SnippetSource(string Path, string Text, int FirstLine = 1, int Indent = 0)
{
    /// <summary>The line of the input file (not of <see cref="Text"/>) with the given 1-based line of <see cref="Text"/>.</summary>
    public int FileLine(int textLine) => textLine + FirstLine - 1;
}
