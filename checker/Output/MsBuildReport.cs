using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Output;

/// <summary><c>path(line,col): error|warning APITRUTHnnn: message</c>, the format IDEs and CI logs recognize.</summary>
internal static class MsBuildReport
{
    public static void Write(TextWriter output, IReadOnlyList<CheckReport> reports)
    {
        bool several = reports.Count > 1;
        foreach (var report in reports)
        {
            string suffix = several ? $" [{report.Framework}]" : "";
            foreach (var s in report.SyntaxErrors)
                output.WriteLine($"{s.Path}({s.Line},{s.Column}): warning {DiagnosticCodes.SyntaxError}: syntax error {s.Code}: {s.Message}{suffix}");
            foreach (var f in report.Findings.Where(DiagnosticCodes.IsReported))
            {
                var severity = DiagnosticCodes.IsError(f) ? "error" : "warning";
                output.WriteLine($"{f.Path}({f.Line},{f.Column}): {severity} {DiagnosticCodes.CodeOf(f)}: {DiagnosticCodes.OneLine(f)}{suffix}");
            }
        }
    }
}
