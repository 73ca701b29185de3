using System.Text.Encodings.Web;
using System.Text.Json;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Output;

/// <summary>
/// The JSON contract other tools rely on: one object with every finding (every verdict, <c>exists</c> too),
/// <c>summary</c> counts, the resolved <c>framework</c> and <c>packages</c>.
/// </summary>
internal static class JsonReport
{
    public static void Write(Stream output, IReadOnlyList<CheckReport> reports)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        bool several = reports.Count > 1;
        w.WriteStartObject();
        w.WriteString("framework", string.Join(";", reports.Select(r => r.Framework)));
        w.WriteStartArray("packages");
        foreach (var package in reports.SelectMany(r => r.Packages).DistinctBy(p => (p.Id.ToLowerInvariant(), p.Version)))
        {
            w.WriteStartObject();
            w.WriteString("id", package.Id);
            w.WriteString("version", package.Version);
            w.WriteBoolean("transitive", package.IsTransitive);
            if (package.Note is not null) w.WriteString("note", package.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("findings");
        foreach (var report in reports)
        {
            foreach (var f in report.Findings)
                WriteFinding(w, f, several ? report.Framework : null);
        }
        w.WriteEndArray();
        w.WriteStartArray("syntaxErrors");
        foreach (var s in reports.SelectMany(r => r.SyntaxErrors).Distinct())
        {
            w.WriteStartObject();
            w.WriteString("path", s.Path);
            w.WriteNumber("line", s.Line);
            w.WriteNumber("column", s.Column);
            w.WriteString("code", s.Code);
            w.WriteString("message", s.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("summary");
        w.WriteNumber("references", reports.Sum(r => r.Findings.Count));
        foreach (var verdict in Enum.GetValues<Verdict>())
            w.WriteNumber(verdict.ToWord(), reports.Sum(r => r.Count(verdict)));
        w.WriteNumber("obsolete", reports.Sum(r => r.ObsoleteCount));
        w.WriteNumber("syntaxErrors", reports.Sum(r => r.SyntaxErrors.Count));
        w.WriteEndObject();
        w.WriteStartArray("notes");
        foreach (var note in reports.SelectMany(r => r.Notes).Distinct()) w.WriteStringValue(note);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>One finding as the JSON contract spells it (also used by the upgrade preview).</summary>
    internal static void WriteFinding(Utf8JsonWriter w, Finding f, string? framework)
    {
        w.WriteStartObject();
        w.WriteString("path", f.Path);
        w.WriteNumber("line", f.Line);
        w.WriteNumber("column", f.Column);
        w.WriteString("name", f.Name);
        w.WriteString("kind", f.Kind);
        w.WriteString("verdict", f.Verdict.ToWord());
        w.WriteString("evidence", f.Evidence.ToWord());
        WriteNullable(w, "symbol", f.Symbol);
        WriteNullable(w, "package", f.Package);
        WriteNullable(w, "packageVersion", f.PackageVersion);
        if (f.Obsolete is { } o)
        {
            w.WriteStartObject("obsolete");
            WriteNullable(w, "message", o.Message);
            w.WriteBoolean("error", o.IsError);
            WriteNullable(w, "diagnosticId", o.DiagnosticId);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("obsolete");
        }
        w.WriteString("message", f.Message);
        w.WriteStartArray("history");
        foreach (var h in f.History) w.WriteStringValue(h);
        w.WriteEndArray();
        w.WriteStartArray("suggestions");
        foreach (var s in f.Suggestions) w.WriteStringValue(s);
        w.WriteEndArray();
        if (framework is not null) w.WriteString("framework", framework);
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
