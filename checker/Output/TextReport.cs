using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Output;

/// <summary>
/// For people: each problem (and each obsolete API) with file:line:col, the code line, a caret under the name,
/// the message, history and suggestions; then one summary line. Colored only when writing to a terminal.
/// </summary>
internal sealed class TextReport(TextWriter output, bool color)
{
    private const string Red = "\u001b[31m", Yellow = "\u001b[33m", Cyan = "\u001b[36m", Dim = "\u001b[2m", Bold = "\u001b[1m", Reset = "\u001b[0m";

    public void Write(IReadOnlyList<CheckReport> reports, IReadOnlyList<SnippetSource> sources)
    {
        var lines = new SourceLines(sources);
        bool several = reports.Count > 1;
        foreach (var report in reports)
        {
            string suffix = several ? $" [{report.Framework}]" : "";
            foreach (var s in report.SyntaxErrors)
            {
                output.WriteLine($"{Paint(Bold, $"{s.Path}:{s.Line}:{s.Column}")}: {Paint(Yellow, "syntax error")} {s.Code}: {s.Message}{suffix}");
                ShowCode(lines, s.Path, s.Line, s.Column, 1);
            }
            foreach (var f in report.Findings.Where(DiagnosticCodes.IsReported).OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column))
            {
                var (word, paint) = f.Verdict.IsProblem()
                    ? (f.Verdict.ToWord() + (f.Evidence == Evidence.NameLevel ? " (by name only)" : ""), Red)
                    : ("obsolete", Yellow);
                var where = f.Package is null ? "" : $" [{f.Package} {f.PackageVersion}]";
                output.WriteLine($"{Paint(Bold, $"{f.Path}:{f.Line}:{f.Column}")}: {Paint(paint, word)}: {f.Message}{where}{suffix}");
                ShowCode(lines, f.Path, f.Line, f.Column, f.Length);
                foreach (var h in f.History) output.WriteLine($"      {Paint(Dim, "= history:")} {h}");
                if (f.Suggestions.Count > 0)
                    output.WriteLine($"      {Paint(Cyan, "= did you mean:")} {string.Join(" | ", f.Suggestions)}");
            }
        }
        foreach (var note in reports.SelectMany(r => r.Notes).Distinct())
            output.WriteLine(Paint(Dim, $"note: {note}"));
        output.WriteLine(Summary(reports));
    }

    public static string Summary(IReadOnlyList<CheckReport> reports)
    {
        int Count(Verdict v) => reports.Sum(r => r.Count(v));
        int total = reports.Sum(r => r.Findings.Count);
        int obsolete = reports.Sum(r => r.ObsoleteCount);
        int syntax = reports.Sum(r => r.SyntaxErrors.Count);
        var against = string.Join("; ", reports.Select(r =>
            r.Framework + (r.Packages.Any(p => !p.IsTransitive) ? ", " + string.Join(", ", r.Packages.Where(p => !p.IsTransitive).Select(p => $"{p.Id} {p.Version}")) : "")));
        return $"{total} API references: {Count(Verdict.Exists)} exist, {Count(Verdict.Missing)} missing, {Count(Verdict.NoOverload)} no overload, "
            + $"{Count(Verdict.NotReferenced)} not referenced, {Count(Verdict.Unverifiable)} unverifiable"
            + (obsolete > 0 ? $", {obsolete} obsolete" : "") + (syntax > 0 ? $", {syntax} syntax errors" : "")
            + $" (against {against})";
    }

    private void ShowCode(SourceLines lines, string path, int line, int column, int length)
    {
        var code = lines.Get(path, line);
        if (code is null) return;
        var gutter = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"  {Paint(Dim, gutter + " |")} {code}");
        var pad = new string(' ', Math.Max(0, column - 1));
        output.WriteLine($"  {new string(' ', gutter.Length)} {Paint(Dim, "|")} {pad}{Paint(Red, new string('^', Math.Max(1, length)))}");
    }

    private string Paint(string code, string text) => color ? code + text + Reset : text;

    /// <summary>The text of a line of an input file, from the code units read (a Markdown file's blocks cover only their lines).</summary>
    private sealed class SourceLines(IReadOnlyList<SnippetSource> sources)
    {
        private readonly Dictionary<SnippetSource, string[]> _split = [];

        public string? Get(string path, int line)
        {
            foreach (var source in sources)
            {
                if (source.Path != path) continue;
                if (!_split.TryGetValue(source, out var split)) _split[source] = split = source.Text.Split('\n');
                int i = line - source.FirstLine;
                if (i >= 0 && i < split.Length) return new string(' ', source.Indent) + split[i].TrimEnd('\r').Replace('\t', ' ');
            }
            return null;
        }
    }
}
