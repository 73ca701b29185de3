using System.Text.Encodings.Web;
using System.Text.Json;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Output;

/// <summary>SARIF 2.1.0 for code scanning: one run, one result per problem or obsolete use, one per syntax error.</summary>
internal static class SarifReport
{
    public static void Write(Stream output, IReadOnlyList<CheckReport> reports, string toolVersion, string baseDirectory)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "apitruth");
        w.WriteString("version", toolVersion);
        w.WriteStartArray("rules");
        foreach (var (id, name, description) in DiagnosticCodes.Rules)
        {
            w.WriteStartObject();
            w.WriteString("id", id);
            w.WriteString("name", name);
            w.WriteStartObject("shortDescription");
            w.WriteString("text", description);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("results");
        foreach (var report in reports)
        {
            foreach (var s in report.SyntaxErrors)
                WriteResult(w, DiagnosticCodes.SyntaxError, "warning", $"syntax error {s.Code}: {s.Message}", s.Path, s.Line, s.Column, 1, baseDirectory, null, report.Framework);
            foreach (var f in report.Findings.Where(DiagnosticCodes.IsReported))
            {
                WriteResult(w, DiagnosticCodes.CodeOf(f), DiagnosticCodes.IsError(f) ? "error" : "warning", DiagnosticCodes.OneLine(f),
                    f.Path, f.Line, f.Column, f.Length, baseDirectory, f, report.Framework);
            }
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    private static void WriteResult(Utf8JsonWriter w, string ruleId, string level, string message, string path, int line, int column, int length,
        string baseDirectory, Finding? finding, string framework)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", ruleId);
        w.WriteNumber("ruleIndex", DiagnosticCodes.Rules.ToList().FindIndex(r => r.Id == ruleId));
        w.WriteString("level", level);
        w.WriteStartObject("message");
        w.WriteString("text", message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", UriOf(path, baseDirectory));
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", line);
        w.WriteNumber("startColumn", column);
        w.WriteNumber("endColumn", column + length);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("properties");
        w.WriteString("framework", framework);
        if (finding is not null)
        {
            w.WriteString("name", finding.Name);
            w.WriteString("verdict", finding.Verdict.ToWord());
            w.WriteString("evidence", finding.Evidence.ToWord());
            if (finding.Symbol is not null) w.WriteString("symbol", finding.Symbol);
            if (finding.Package is not null) w.WriteString("package", $"{finding.Package} {finding.PackageVersion}");
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // Relative URIs with forward slashes, as code-scanning services resolve them against the repository.
    private static string UriOf(string path, string baseDirectory)
    {
        if (path == "-") return "stdin";
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(baseDirectory, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            return new Uri(full).AbsoluteUri;
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(System.Uri.EscapeDataString));
    }
}
