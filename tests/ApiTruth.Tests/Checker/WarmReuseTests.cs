using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Tests.Checker;

/// <summary>
/// A checker kept warm across checks (resolved sets, usings trees, namespace and parameter-name lookups) gives
/// every check the answer a fresh checker gives.
/// </summary>
[Collection(CheckerCollection.Name)]
public sealed class WarmReuseTests(CheckerFixture fixture)
{
    private const string WithoutUsing = """
        var text = JsonConvert.SerializeObject(new { a = 1 });
        var legacy = JsonConvert.SerializeObjectAsync(text);
        """;

    private const string OtherImports = """
        var token = JToken.Parse("[1]");
        var first = token.First;
        """;

    [Fact]
    public async Task Exact_pins_are_resolved_once_per_checker_versionless_pins_every_time()
    {
        var counting = new CountingResolver(fixture.Resolver);
        var checker = new ApiChecker(counting);
        await checker.CheckAsync(Request(WithoutUsing, "Newtonsoft.Json@13.0.3"), CancellationToken.None);
        await checker.CheckAsync(Request(OtherImports, "Newtonsoft.Json@13.0.3"), CancellationToken.None);
        Assert.Equal(1, counting.Calls);

        await checker.CheckAsync(Request(WithoutUsing, "Newtonsoft.Json"), CancellationToken.None);
        await checker.CheckAsync(Request(WithoutUsing, "Newtonsoft.Json"), CancellationToken.None);
        Assert.Equal(3, counting.Calls);
    }

    [Fact]
    public async Task Checks_that_add_different_usings_do_not_see_each_others()
    {
        var fresh = await CheckOnceAsync(new ApiChecker(fixture.Resolver), WithoutUsing);
        var warm = new ApiChecker(fixture.Resolver);
        var first = await CheckOnceAsync(warm, WithoutUsing);
        var other = await CheckOnceAsync(warm, OtherImports);
        var again = await CheckOnceAsync(warm, WithoutUsing);

        Assert.Equal(Verdict.Missing, first.At(2, "SerializeObjectAsync").Verdict);
        Assert.Contains(first.Notes, n => n.Contains("added using Newtonsoft.Json", StringComparison.Ordinal));
        Assert.Contains(other.Notes, n => n.Contains("added using Newtonsoft.Json.Linq", StringComparison.Ordinal));
        Assert.Equal(Verdict.Exists, other.At(2, "First").Verdict);
        Assert.Equal(Summary(fresh), Summary(first));
        Assert.Equal(Summary(first), Summary(again));
        Assert.Equal(first.Notes, again.Notes);
    }

    private static async Task<CheckReport> CheckOnceAsync(ApiChecker checker, string code) =>
        Assert.Single(await checker.CheckAsync(Request(code, "Newtonsoft.Json@11.0.1"), CancellationToken.None));

    private static CheckRequest Request(string code, string pin) =>
        new([new SnippetSource("snippet.cs", code)], "net8.0", [Cli.Commands.CheckCommand.ParsePin(pin)]);

    private static List<string> Summary(CheckReport report) =>
        report.Findings.Select(f => $"{f.Line}:{f.Column} {f.Name} {f.Verdict} {f.Evidence} {f.Symbol} {f.Message}").ToList();

    private sealed class CountingResolver(IReferenceResolver inner) : IReferenceResolver
    {
        public int Calls { get; private set; }

        public Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
        {
            Calls++;
            return inner.ResolveAsync(framework, pins, aspNetCore, ct);
        }
    }
}
