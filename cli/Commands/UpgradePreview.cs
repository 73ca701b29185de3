using System.Text;
using System.Text.Json;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Output;
using ApiTruth.Checker.Project;

namespace ApiTruth.Cli.Commands;

/// <summary>The upgrade preview: the references that are fine today and would break (or turn obsolete) with the new pins.</summary>
internal static class UpgradePreview
{
    private static (string, int, int, string, string) Where(Finding f, string framework) => (f.Path, f.Line, f.Column, f.Name, framework);

    /// <summary>Findings that are problems after the upgrade and were not before.</summary>
    public static IEnumerable<Finding> Breaks(ProjectCheckResult before, ProjectCheckResult after)
    {
        var bad = Keys(before, f => f.Verdict.IsProblem());
        return after.Reports.SelectMany(r => r.Report.Findings.Where(f => f.Verdict.IsProblem() && !bad.Contains(Where(f, r.Report.Framework))));
    }

    /// <summary>Findings that exist but become obsolete after the upgrade.</summary>
    public static IEnumerable<Finding> NewlyObsolete(ProjectCheckResult before, ProjectCheckResult after)
    {
        var obsolete = Keys(before, f => f.Obsolete is not null);
        return after.Reports.SelectMany(r => r.Report.Findings.Where(f => f.Obsolete is not null && !f.Verdict.IsProblem() && !obsolete.Contains(Where(f, r.Report.Framework))));
    }

    public static void Write(TextWriter output, ProjectCheckResult before, ProjectCheckResult after, IReadOnlyList<PackagePin> upgrades)
    {
        var breaks = Breaks(before, after).ToList();
        var obsolete = NewlyObsolete(before, after).ToList();
        output.WriteLine($"Upgrade preview: {string.Join(", ", upgrades.Select(u => $"{u.Id} {u.Version}"))}");
        foreach (var f in breaks)
            output.WriteLine($"{f.Path}:{f.Line}:{f.Column}: would break ({f.Verdict.ToWord()}): {DiagnosticCodes.OneLine(f)}");
        foreach (var f in obsolete)
            output.WriteLine($"{f.Path}:{f.Line}:{f.Column}: would turn obsolete: {f.Name}{(f.Obsolete!.Message is { } m ? ": " + m : "")}");
        output.WriteLine($"{breaks.Count} reference(s) would break, {obsolete.Count} would turn obsolete.");
    }

    /// <summary>
    /// The preview as one JSON object: <c>upgrades</c> (id, version), <c>breaks</c> and <c>obsolete</c> (findings in the
    /// check's JSON contract, each with its <c>framework</c>), and <c>summary</c> counts.
    /// </summary>
    public static void WriteJson(TextWriter output, ProjectCheckResult before, ProjectCheckResult after, IReadOnlyList<PackagePin> upgrades)
    {
        var breaks = Frameworked(after, Breaks(before, after).ToHashSet());
        var obsolete = Frameworked(after, NewlyObsolete(before, after).ToHashSet());
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("upgrades");
            foreach (var u in upgrades)
            {
                w.WriteStartObject();
                w.WriteString("id", u.Id);
                w.WriteString("version", u.Version);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("breaks");
            foreach (var (f, framework) in breaks) JsonReport.WriteFinding(w, f, framework);
            w.WriteEndArray();
            w.WriteStartArray("obsolete");
            foreach (var (f, framework) in obsolete) JsonReport.WriteFinding(w, f, framework);
            w.WriteEndArray();
            w.WriteStartObject("summary");
            w.WriteNumber("breaks", breaks.Count);
            w.WriteNumber("obsolete", obsolete.Count);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    // The chosen findings with the framework of the report each came from, in report order.
    private static List<(Finding, string)> Frameworked(ProjectCheckResult result, HashSet<Finding> chosen) =>
        result.Reports.SelectMany(r => r.Report.Findings.Where(chosen.Contains).Select(f => (f, r.Report.Framework))).ToList();

    private static HashSet<(string, int, int, string, string)> Keys(ProjectCheckResult result, Func<Finding, bool> which) =>
        result.Reports.SelectMany(r => r.Report.Findings.Where(which).Select(f => Where(f, r.Report.Framework))).ToHashSet();
}
