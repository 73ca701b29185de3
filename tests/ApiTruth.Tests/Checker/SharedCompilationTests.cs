using ApiTruth.Checker;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Cli.Commands;

namespace ApiTruth.Tests.Checker;

/// <summary>
/// Whole files checked together are bound in one compilation, as their project builds them: each sees the others'
/// declarations, and a file that omits a using gets it without the other files being affected.
/// </summary>
[Collection(CheckerCollection.Name)]
public sealed class SharedCompilationTests(CheckerFixture fixture)
{
    private const string Orders = """
        using Newtonsoft.Json;

        namespace Shop;

        public sealed class Order
        {
            [JsonProperty("id")]
            public int Id { get; set; }

            public string ToJson() => JsonConvert.SerializeObject(this, Formatting.Indented);
        }
        """;

    // No using for Newtonsoft.Json or System.Collections.Immutable; Order comes from the other file.
    private const string Report = """
        namespace Shop;

        public static class Report
        {
            public static string Write(Order order) => JsonConvert.SerializeObject(order);
            public static string Old(Order order) => JsonConvert.SerializeObjectAsync(order).Result;
            public static int Count(List<Order> orders) => orders.ToImmutableArray().Length;
            public static string Twice(Order order) => order.ToJson() + order.ToJson();
        }
        """;

    [Fact]
    public async Task Files_checked_together_see_each_other_and_each_gets_the_usings_it_omits()
    {
        var request = new CheckRequest(
            [new SnippetSource("Order.cs", Orders), new SnippetSource("Report.cs", Report)],
            "net8.0",
            [CheckCommand.ParsePin("Newtonsoft.Json@13.0.3")]);
        var report = Assert.Single(await fixture.Checker.CheckAsync(request, CancellationToken.None));

        var order = report.Findings.Where(f => f.Path == "Order.cs").ToList();
        Assert.Contains(order, f => f.Name == "JsonProperty" && f.Verdict == Verdict.Exists);
        Assert.Contains(order, f => f.Line == 10 && f.Name == "Indented" && f.Verdict == Verdict.Exists);
        Assert.DoesNotContain(order, f => f.Verdict != Verdict.Exists);

        var written = report.Findings.Where(f => f.Path == "Report.cs").ToList();
        Assert.Equal(Verdict.Exists, Assert.Single(written, f => f.Line == 5 && f.Name == "SerializeObject").Verdict);
        var old = Assert.Single(written, f => f.Line == 6 && f.Name == "SerializeObjectAsync");
        Assert.Equal(Verdict.Missing, old.Verdict);
        Assert.Equal(Evidence.Bound, old.Evidence);
        // An extension method of a namespace neither file imports, on a receiver whose type every name resolves.
        Assert.Equal(Verdict.Exists, Assert.Single(written, f => f.Line == 7 && f.Name == "ToImmutableArray").Verdict);
        // Order and its ToJson are the code's own declarations: not findings.
        Assert.DoesNotContain(written, f => f.Name is "Order" or "ToJson");

        Assert.Contains(report.Notes, n => n.StartsWith("Report.cs: added using", StringComparison.Ordinal)
            && n.Contains("Newtonsoft.Json", StringComparison.Ordinal) && n.Contains("System.Collections.Immutable", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Notes, n => n.StartsWith("Order.cs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_whose_names_all_resolve_still_gets_an_extension_methods_using()
    {
        var report = await fixture.CheckAsync("""
            public static class Numbers
            {
                public static int Count(List<int> values) => values.ToImmutableArray().Length;
                public static int Bad(List<int> values) => values.ToImmutableArrayFast().Length;
            }
            """, "net8.0");
        Assert.Equal(Verdict.Exists, report.At(3, "ToImmutableArray").Verdict);
        Assert.Equal(Verdict.Missing, report.At(4, "ToImmutableArrayFast").Verdict);
        Assert.Contains(report.Notes, n => n.Contains("added using System.Collections.Immutable", StringComparison.Ordinal));
    }
}
