using ApiTruth.Checker.Findings;

namespace ApiTruth.Tests.Checker;

/// <summary>Each verdict, on real packages.</summary>
[Collection(CheckerCollection.Name)]
public sealed class VerdictTests(CheckerFixture fixture)
{
    [Fact]
    public async Task Bound_reference_exists_with_its_doc_id_and_package()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json;
            var text = JsonConvert.SerializeObject(new { a = 1 }, Formatting.Indented);
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        var call = report.At(2, "SerializeObject");
        Assert.Equal(Verdict.Exists, call.Verdict);
        Assert.Equal(Evidence.Bound, call.Evidence);
        Assert.Equal("M:Newtonsoft.Json.JsonConvert.SerializeObject(System.Object,Newtonsoft.Json.Formatting)", call.Symbol);
        Assert.Equal("Newtonsoft.Json", call.Package);
        Assert.Equal("13.0.3", call.PackageVersion);
        var type = report.At(2, "JsonConvert");
        Assert.Equal("T:Newtonsoft.Json.JsonConvert", type.Symbol);
        Assert.Equal("class", type.Kind);
        Assert.Equal("F:Newtonsoft.Json.Formatting.Indented", report.At(2, "Indented").Symbol);
        Assert.Empty(report.Problems());
    }

    [Fact]
    public async Task Member_absent_from_a_known_receiver_is_missing_with_suggestions()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json.Linq;
            var token = JToken.Parse("{}");
            var names = token.SelectTokenz("$.a");
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        var missing = report.At(3, "SelectTokenz");
        Assert.Equal(Verdict.Missing, missing.Verdict);
        Assert.Equal(Evidence.Bound, missing.Evidence);
        Assert.Equal(19, missing.Column);
        Assert.Equal("Newtonsoft.Json", missing.Package);
        Assert.Contains(missing.Suggestions, s => s.Contains("SelectToken(", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_argument_count_and_unknown_named_argument_are_no_overload()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json;
            var a = JsonConvert.SerializeObject();
            var b = JsonConvert.SerializeObject(new object(), indent: true);
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        var count = report.At(2, "SerializeObject");
        Assert.Equal(Verdict.NoOverload, count.Verdict);
        Assert.Equal(Evidence.Bound, count.Evidence);
        Assert.NotEmpty(count.Suggestions);
        var named = report.At(3, "indent");
        Assert.Equal(Verdict.NoOverload, named.Verdict);
        Assert.Equal("named argument", named.Kind);
        // The method itself exists; only the named argument is wrong.
        Assert.Equal(Verdict.Exists, report.At(3, "SerializeObject").Verdict);
    }

    [Fact]
    public async Task Argument_types_that_do_not_fit_are_not_an_existence_problem()
    {
        var report = await fixture.CheckAsync("""
            var n = Math.Max("a", "b");
            """, "net8.0");
        Assert.Equal(Verdict.Unverifiable, report.At(1, "Max").Verdict);
        Assert.Empty(report.Problems());
    }

    [Fact]
    public async Task Unknown_receiver_is_unverifiable_when_some_type_has_the_member_and_missing_by_name_when_none_has()
    {
        // `connection` is never declared: its members are judged by name only; QueryMultipleAsync returns a
        // library object, so a member no type of the reference set has is missing on it.
        var report = await fixture.CheckAsync("""
            var grid = await connection.QueryMultipleAsync("select 1; select 2");
            var first = await grid.ReadFirstAsync<int>();
            var rest = await grid.ReadEverythingAsync<int>();
            """, "net8.0", "Dapper@2.1.66");
        var known = report.At(1, "QueryMultipleAsync");
        Assert.Equal(Verdict.Unverifiable, known.Verdict);
        Assert.Equal(Evidence.NameLevel, known.Evidence);
        Assert.Equal(Verdict.Unverifiable, report.At(2, "ReadFirstAsync").Verdict);
        var invented = report.At(3, "ReadEverythingAsync");
        Assert.Equal(Verdict.Missing, invented.Verdict);
        Assert.Equal(Evidence.NameLevel, invented.Evidence);
        // The undeclared variable itself is the snippet's context, not an API reference.
        Assert.DoesNotContain(report.Findings, f => f.Name == "connection");
    }

    [Fact]
    public async Task Property_of_an_undeclared_object_of_unknown_kind_is_never_called_missing()
    {
        // _db may be the snippet's own DbContext: its own properties are nobody's API. A method that no type of the
        // reference set has is missing by name (and only by name).
        var report = await fixture.CheckAsync("""
            var active = _db.ActiveSessions.Count();
            var rates = await _client.FetchRatesAsync();
            """, "net8.0", "Dapper@2.1.66");
        var property = report.At(1, "ActiveSessions");
        Assert.Equal(Verdict.Unverifiable, property.Verdict);
        Assert.Equal(Evidence.NameLevel, property.Evidence);
        var method = report.At(2, "FetchRatesAsync");
        Assert.Equal(Verdict.Missing, method.Verdict);
        Assert.Equal(Evidence.NameLevel, method.Evidence);
    }

    [Fact]
    public async Task Member_of_the_result_of_a_missing_call_is_unverifiable_not_missing()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json.Linq;
            var token = JToken.Parse("{}");
            var x = token.Flatten().Whatever();
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        Assert.Equal(Verdict.Missing, report.At(3, "Flatten").Verdict);
        var cascade = report.At(3, "Whatever");
        Assert.Equal(Verdict.Unverifiable, cascade.Verdict);
        Assert.Equal(Evidence.Unresolved, cascade.Evidence);
    }

    [Fact]
    public async Task Obsolete_member_exists_with_its_message()
    {
        var report = await fixture.CheckAsync("""
            using Newtonsoft.Json;
            var s = await JsonConvert.SerializeObjectAsync(new { a = 1 });
            """, "net6.0", "Newtonsoft.Json@9.0.1");
        var call = report.At(2, "SerializeObjectAsync");
        Assert.Equal(Verdict.Exists, call.Verdict);
        Assert.NotNull(call.Obsolete);
        Assert.False(call.Obsolete!.IsError);
        Assert.StartsWith("SerializeObjectAsync is obsolete.", call.Obsolete.Message, StringComparison.Ordinal);
        Assert.Equal("9.0.1", call.PackageVersion);
    }

    [Fact]
    public async Task References_to_the_snippets_own_declarations_are_not_findings()
    {
        var report = await fixture.CheckAsync("""
            public sealed class Order { public int Id { get; set; } public int Twice() => Id * 2; }
            public static class Use
            {
                public static int Run(Order order) => order.Twice() + order.Id;
            }
            """, "net8.0");
        Assert.DoesNotContain(report.Findings, f => f.Name is "Twice" or "Id" or "Order");
        Assert.Empty(report.Problems());
    }

    [Fact]
    public async Task Property_called_like_a_method_is_missing()
    {
        var report = await fixture.CheckAsync("""
            var list = new List<int> { 1, 2 };
            var n = list.Capacity();
            """, "net8.0");
        var call = report.At(2, "Capacity");
        Assert.Equal(Verdict.Missing, call.Verdict);
        Assert.Contains("not a method", call.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fragments_unknown_type_is_missing_only_when_it_receives_a_library_value()
    {
        // Order is the snippet's own type (not shown): a generic call returns it. JTokenNode was never a type of
        // Newtonsoft.Json, and JToken.Parse returns a JToken, which no type of the snippet's could hold.
        var report = await fixture.CheckAsync("""
            Order order = JsonConvert.DeserializeObject<Order>(json);
            JTokenNode node = JToken.Parse(json);
            """, "net8.0", "Newtonsoft.Json@13.0.3");
        Assert.All(report.Findings.Where(f => f.Name == "Order"), own => Assert.Equal(Verdict.Unverifiable, own.Verdict));
        var invented = report.At(2, "JTokenNode");
        Assert.Equal(Verdict.Missing, invented.Verdict);
        Assert.Equal(Evidence.NameLevel, invented.Evidence);
        Assert.Contains("JToken", invented.Message, StringComparison.Ordinal);
    }
}
