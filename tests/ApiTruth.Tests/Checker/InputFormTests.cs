using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Tests.Checker;

/// <summary>The forms a snippet comes in: whole files, statements, members without a class, no usings, Markdown.</summary>
[Collection(CheckerCollection.Name)]
public sealed class InputFormTests(CheckerFixture fixture)
{
    [Fact]
    public async Task Whole_file_with_namespace_flags_an_undeclared_name_as_missing()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json;

            namespace Demo;

            public static class Codec
            {
                public static string Write(object value) => JsonConvert.SerializeObject(value, Formattingz.None);
            }
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        Assert.Equal(SnippetForm.File, ParsedSnippet.Parse(new SnippetSource("x.cs", "namespace A; class B {}")).Form);
        var missing = report.At(7, "Formattingz");
        Assert.Equal(Verdict.Missing, missing.Verdict);
        Assert.Equal(Evidence.Bound, missing.Evidence);
    }

    [Fact]
    public async Task Statements_without_usings_get_the_usings_they_need()
    {
        // No `using Newtonsoft.Json.Linq;`: JObject is found by name in the reference set and imported.
        var report = await fixture.CheckAsync("""
            var o = JObject.Parse("{\"a\":1}");
            o.Add("b", new JValue(2));
            Console.WriteLine(o.ToString(Formatting.None));
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        Assert.Equal("T:Newtonsoft.Json.Linq.JObject", report.At(1, "JObject").Symbol);
        Assert.Equal(Verdict.Exists, report.At(2, "Add").Verdict);
        Assert.Equal(Verdict.Exists, report.At(3, "Formatting").Verdict);
        Assert.Empty(report.Problems());
        Assert.Contains(report.Notes, n => n.Contains("Newtonsoft.Json.Linq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statements_with_using_declarations_and_await_parse()
    {
        var report = await fixture.CheckAsync("""
            using var stream = new MemoryStream();
            await using var writer = new StreamWriter(stream);
            await writer.WriteLineAsync("x");
            await writer.FlushAsyncz();
            """, "net8.0");
        Assert.Empty(report.SyntaxErrors);
        Assert.Equal(Verdict.Exists, report.At(3, "WriteLineAsync").Verdict);
        Assert.Equal(Verdict.Missing, report.At(4, "FlushAsyncz").Verdict);
    }

    [Fact]
    public async Task Members_without_a_class_keep_their_line_numbers()
    {
        var report = await fixture.CheckAsync("""
            private readonly Dictionary<string, int> _counts = new();

            public SessionCounter(IEnumerable<string> names)
            {
                foreach (var n in names) _counts[n] = 0;
            }

            public int Total() => _counts.Values.Summ();
            """, "net8.0");
        Assert.Equal(SnippetForm.Members, ParsedSnippet.Parse(new SnippetSource("m.cs", "public int X() => 1;")).Form);
        Assert.Empty(report.SyntaxErrors);
        var missing = report.At(8, "Summ");
        Assert.Equal(Verdict.Missing, missing.Verdict);
        Assert.Equal(38, missing.Column);
        Assert.Equal(Verdict.Exists, report.At(8, "Values").Verdict);
    }

    [Fact]
    public async Task Syntax_errors_are_reported_and_the_rest_is_still_checked()
    {
        var report = await fixture.CheckAsync("""
            var a = Math.Abs(-1)
            var b = Math.Absolute(-2);
            """, "net8.0");
        var error = Assert.Single(report.SyntaxErrors);
        Assert.Equal(1, error.Line);
        Assert.StartsWith("CS100", error.Code, StringComparison.Ordinal); // ; expected (or , expected in script mode)
        Assert.Equal(Verdict.Exists, report.At(1, "Abs").Verdict);
        Assert.Equal(Verdict.Missing, report.At(2, "Absolute").Verdict);
    }

    [Fact]
    public async Task Markdown_blocks_are_checked_one_by_one_with_lines_of_the_markdown_file()
    {
        const string markdown = """
            # Guide

            Some text.

            ```csharp
            var now = DateTime.UtcNow;
            ```

            ```js
            console.log("not C#");
            ```

              ```cs
              var later = DateTime.UtcNow.AddFortnights(1);
              ```
            """;
        var blocks = MarkdownBlocks.Extract("guide.md", markdown);
        Assert.Equal(2, blocks.Count);
        Assert.Equal(6, blocks[0].FirstLine);
        Assert.Equal(14, blocks[1].FirstLine);
        var reports = await fixture.Checker.CheckAsync(new ApiTruth.Checker.CheckRequest(blocks, "net8.0"), CancellationToken.None);
        var report = Assert.Single(reports);
        Assert.Equal(Verdict.Exists, report.At(6, "UtcNow").Verdict);
        var missing = report.At(14, "AddFortnights");
        Assert.Equal(Verdict.Missing, missing.Verdict);
        Assert.Equal("guide.md", missing.Path);
        Assert.Equal(31, missing.Column); // the block's two spaces of indentation count
    }

    [Fact]
    public async Task Package_directives_in_the_snippet_pin_packages()
    {
        var report = await fixture.CheckAsync("""
            #:package Newtonsoft.Json@13.0.3
            #r "nuget: Dapper, 2.1.66"
            var json = JsonConvert.SerializeObject(1);
            var rows = await connection.QueryAsync<int>("select 1");
            """, "net8.0");
        Assert.Equal("13.0.3", report.At(3, "SerializeObject").PackageVersion);
        Assert.Contains(report.Packages, p => p.Id == "Dapper" && p.Version == "2.1.66");
        Assert.Empty(report.SyntaxErrors);
    }

    [Fact]
    public void Malformed_package_directive_is_bad_input()
    {
        var error = Assert.Throws<InputException>(() => ParsedSnippet.Parse(new SnippetSource("bad.cs", "#:package Newtonsoft.Json@thirteen\nvar x = 1;")));
        Assert.Contains("bad.cs:1", error.Message, StringComparison.Ordinal);
    }
}
