using System.Text.Json;

namespace ApiTruth.Tests.Checker;

/// <summary><c>apitruth check</c>: formats, exit codes, stdin, bad input.</summary>
[Collection(CheckerCollection.Name)]
public sealed class CliTests(CheckerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apitruth-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    // A whole file: a type it names that the reference set lacks is missing (in a fragment it could be the snippet's own).
    private const string Drift = """
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;
        public static class Kebab { static readonly JsonSerializerSettings Settings = new() { ContractResolver = new DefaultContractResolver { NamingStrategy = new KebabCaseNamingStrategy() } };
            public static string Write(object value) => JsonConvert.SerializeObject(value, Settings); }
        """;

    [Fact]
    public async Task Json_output_follows_the_contract_and_exit_code_1_means_problems()
    {
        var path = Write("drift.cs", Drift);
        var (exit, output, error) = await fixture.RunCliAsync([path, "--framework", "net8.0", "--package", "Newtonsoft.Json@11.0.1", "--format", "json"]);
        Assert.Equal("", error);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("net8.0", root.GetProperty("framework").GetString());
        Assert.Contains(root.GetProperty("packages").EnumerateArray(), p => p.GetProperty("id").GetString() == "Newtonsoft.Json" && p.GetProperty("version").GetString() == "11.0.1");
        var findings = root.GetProperty("findings").EnumerateArray().ToList();
        string[] fields = ["path", "line", "column", "name", "kind", "verdict", "evidence", "symbol", "package", "packageVersion", "obsolete", "message", "history", "suggestions"];
        Assert.All(findings, f => Assert.All(fields, field => Assert.True(f.TryGetProperty(field, out _), field)));
        var kebab = Assert.Single(findings, f => f.GetProperty("name").GetString() == "KebabCaseNamingStrategy");
        Assert.Equal("missing", kebab.GetProperty("verdict").GetString());
        Assert.Equal(3, kebab.GetProperty("line").GetInt32());
        Assert.Equal(path, kebab.GetProperty("path").GetString());
        Assert.Contains(findings, f => f.GetProperty("verdict").GetString() == "exists" && f.GetProperty("name").GetString() == "SerializeObject");
        var summary = root.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("missing").GetInt32());
        Assert.Equal(findings.Count, summary.GetProperty("references").GetInt32());
    }

    [Fact]
    public async Task Clean_code_exits_0_and_the_text_output_has_a_summary_line()
    {
        var path = Write("clean.cs", "var text = JsonConvert.SerializeObject(new { a = 1 });\n");
        var (exit, output, _) = await fixture.RunCliAsync([path, "-f", "net8.0", "-p", "Newtonsoft.Json@13.0.3"]);
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+ API references: \d+ exist, 0 missing", output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // no color when not on a terminal
    }

    [Fact]
    public async Task Text_output_shows_the_line_and_a_caret_under_the_name()
    {
        var path = Write("drift.cs", Drift);
        var (exit, output, _) = await fixture.RunCliAsync([path, "--framework", "net8.0", "--package", "Newtonsoft.Json@11.0.1"]);
        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith($"{path}:3:", StringComparison.Ordinal) && l.Contains("missing", StringComparison.Ordinal));
        Assert.True(at >= 0, output);
        Assert.Contains("new KebabCaseNamingStrategy()", lines[at + 1], StringComparison.Ordinal);
        int caret = lines[at + 2].IndexOf('^');
        int name = lines[at + 1].IndexOf("KebabCaseNamingStrategy", StringComparison.Ordinal);
        Assert.Equal(name, caret);
        Assert.Contains(new string('^', "KebabCaseNamingStrategy".Length), lines[at + 2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MsBuild_and_sarif_formats()
    {
        var path = Write("drift.cs", Drift);
        var (_, msbuild, _) = await fixture.RunCliAsync([path, "-f", "net8.0", "-p", "Newtonsoft.Json@11.0.1", "--format", "msbuild"]);
        Assert.Matches(@"drift\.cs\(3,\d+\): error APITRUTH001: .*KebabCaseNamingStrategy", msbuild);

        var (exit, sarif, _) = await fixture.RunCliAsync([path, "-f", "net8.0", "-p", "Newtonsoft.Json@11.0.1", "--format", "sarif"]);
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(sarif);
        Assert.Equal("2.1.0", doc.RootElement.GetProperty("version").GetString());
        var run = doc.RootElement.GetProperty("runs")[0];
        Assert.Equal("apitruth", run.GetProperty("tool").GetProperty("driver").GetProperty("name").GetString());
        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("APITRUTH001", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(3, region.GetProperty("startLine").GetInt32());
    }

    [Fact]
    public async Task Standard_input_is_read_for_dash()
    {
        var (exit, output, _) = await fixture.RunCliAsync(["-", "-f", "net8.0", "--format", "json"], stdin: "var n = Math.Clampz(1, 0, 2);\n");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(output);
        var finding = Assert.Single(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("name").GetString() == "Clampz");
        Assert.Equal("-", finding.GetProperty("path").GetString());
        Assert.Equal("missing", finding.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Binary_file_is_bad_input()
    {
        var path = Path.Combine(_dir, "image.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);
        var (exit, output, error) = await fixture.RunCliAsync([path, "-f", "net8.0"]);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("binary", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_package_unserved_version_and_malformed_directive_are_bad_input()
    {
        var path = Write("ok.cs", "var x = 1;\n");
        var unknown = await fixture.RunCliAsync([path, "-f", "net8.0", "-p", "ApiTruth.No.Such.Package.Anywhere@1.0.0"]);
        Assert.Equal(2, unknown.Exit);
        Assert.Single(unknown.Err.Trim().Split('\n'));

        // Newtonsoft.Json 10.0.3 exists on NuGet but is not among the served versions here.
        var unserved = await fixture.RunCliAsync([path, "-f", "net8.0", "-p", "Newtonsoft.Json@10.0.3"]);
        Assert.Equal(2, unserved.Exit);
        Assert.Single(unserved.Err.Trim().Split('\n'));

        var bad = Write("bad.cs", "#:package Newtonsoft.Json@\"13\"\nvar x = 1;\n");
        var malformed = await fixture.RunCliAsync([bad, "-f", "net8.0"]);
        Assert.Equal(2, malformed.Exit);
        Assert.Contains("bad.cs:1", malformed.Err, StringComparison.Ordinal);

        var format = await fixture.RunCliAsync([path, "--format", "yaml"]);
        Assert.Equal(2, format.Exit);
    }
}
