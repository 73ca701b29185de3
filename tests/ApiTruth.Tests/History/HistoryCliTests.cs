using System.Text.Json;
using ApiTruth.Cli.Commands;
using ApiTruth.Tests.Storage;

namespace ApiTruth.Tests.History;

/// <summary>The history, diff and find commands end to end (arguments to output and exit code) on the shared real index.</summary>
[Collection(RealIndexCollection.Name)]
public sealed class HistoryCliTests(RealIndexFixture fixture)
{
    private async Task<(int Exit, string Output, string Error)> History(string[] args, string? framework = null, bool allFrameworks = false,
        string format = "text", bool noIndex = true, string? index = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await HistoryCommand.RunAsync(new HistoryCommand.Options(args, framework, allFrameworks, false, noIndex, format, index ?? fixture.IndexPath),
            output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task History_json_has_the_contract_fields()
    {
        var (exit, output, error) = await History(["Newtonsoft.Json", "JsonConvert.DeserializeObjectAsync<T>(string)"], format: "json");
        Assert.Equal(0, exit);
        Assert.Empty(error);
        using var document = JsonDocument.Parse(output);
        var root = document.RootElement;
        Assert.Equal("Newtonsoft.Json", root.GetProperty("package").GetString());
        Assert.Equal("JsonConvert.DeserializeObjectAsync<T>(string)", root.GetProperty("query").GetString());
        Assert.Equal("net6.0", root.GetProperty("framework").GetString());
        var match = Assert.Single(root.GetProperty("matches").EnumerateArray());
        Assert.Equal("M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync``1(System.String)", match.GetProperty("symbol").GetString());
        Assert.Contains("DeserializeObjectAsync<T>(string value)", match.GetProperty("display").GetString());
        var versions = match.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(("9.0.1", "obsolete", "lib/netstandard1.0"),
            (versions[0].GetProperty("version").GetString(), versions[0].GetProperty("status").GetString(), versions[0].GetProperty("asset").GetString()));
        Assert.All(versions.Skip(1), v => Assert.Equal("absent", v.GetProperty("status").GetString()));
        Assert.Equal("9.0.1", match.GetProperty("introduced").GetString());
        Assert.Equal("9.0.1", match.GetProperty("lastPresent").GetString());
        Assert.Equal("11.0.1", match.GetProperty("removedIn").GetString());
        Assert.Contains("(9.0.1, 11.0.1)", match.GetProperty("notIndexed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("suggestions").ValueKind);
    }

    [Fact]
    public async Task History_text_shows_the_table_and_one_conclusion()
    {
        var (exit, output, _) = await History(["Serilog", "Serilog.Events.LogEvent.TraceId"]);
        Assert.Equal(0, exit);
        Assert.Contains("P:Serilog.Events.LogEvent.TraceId", output);
        Assert.Matches(@"2\.11\.0\s+absent\s+lib/", output);
        Assert.Matches(@"3\.1\.1\s+present\s+lib/", output);
        Assert.Single(output.Split('\n'), line => line.Contains("→ introduced in 3.1.1"));
    }

    [Fact]
    public async Task Framework_history_takes_the_member_from_the_framework_option()
    {
        var (exit, output, _) = await History([], framework: "Enumerable.Chunk", format: "json");
        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output);
        var match = document.RootElement.GetProperty("matches")[0];
        Assert.Equal("net6.0", match.GetProperty("introduced").GetString());
        Assert.Equal(RealIndexFixture.Frameworks, match.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task A_name_that_matches_nothing_says_so_with_suggestions_and_exits_1()
    {
        var (exit, output, _) = await History(["Newtonsoft.Json", "JsonConvert.DeserializeObjectAsnyc"]);
        Assert.Equal(1, exit);
        Assert.Contains("No API named 'JsonConvert.DeserializeObjectAsnyc'", output);
        Assert.Contains("Closest names: JsonConvert.DeserializeObjectAsync", output);
        Assert.DoesNotContain("status", output);
    }

    [Theory]
    [InlineData(new[] { "Newtonsoft.Json", "JsonConvert.(" }, null)]
    [InlineData(new[] { "Newtonsoft.Json" }, null)]
    [InlineData(new[] { "Newtonsoft.Json@13.0.3", "JsonConvert" }, null)]
    [InlineData(new string[0], "net8.0")]
    [InlineData(new[] { "Newtonsoft.Json", "JsonConvert" }, "net99.bogus")]
    public async Task Bad_input_exits_2_with_one_line(string[] args, string? framework)
    {
        var (exit, output, error) = await History(args, framework);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("apitruth: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Diff_and_find_commands_print_json()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DiffCommand.RunAsync(new DiffCommand.Options("Newtonsoft.Json", "9.0.1", "13.0.3", null, true, true, "json", fixture.IndexPath),
            output, error, CancellationToken.None);
        Assert.Equal(0, exit);
        using (var diff = JsonDocument.Parse(output.ToString()))
        {
            var root = diff.RootElement;
            Assert.True(root.GetProperty("breakingOnly").GetBoolean());
            Assert.Equal(0, root.GetProperty("added").GetArrayLength());
            Assert.Contains(root.GetProperty("removed").EnumerateArray(),
                e => e.GetProperty("symbol").GetString() == "M:Newtonsoft.Json.JsonConvert.SerializeObjectAsync(System.Object)");
            Assert.True(root.GetProperty("counts").GetProperty("breaking").GetInt32() >= root.GetProperty("removed").GetArrayLength());
        }

        output = new StringWriter();
        Assert.Equal(0, FindCommand.Run(new FindCommand.Options("LogEvent.TraceId", false, 10, "json", fixture.IndexPath), output, error));
        using var find = JsonDocument.Parse(output.ToString());
        var match = find.RootElement.GetProperty("matches")[0];
        Assert.Equal("Serilog", match.GetProperty("package").GetString());
        Assert.DoesNotContain("2.11.0", match.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Contains("3.1.1", match.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task History_completes_a_package_indexed_one_version_at_a_time_unless_told_not_to()
    {
        using var temp = new TempIndex();
        await IndexOnDemand.RunAsync(temp.FilePath, [ApiTruth.Indexer.Indexing.PackageRequest.Parse("Newtonsoft.Json.Bson@1.0.2")], [], TextWriter.Null, "test",
            CancellationToken.None);
        string[] query = ["Newtonsoft.Json.Bson", "BsonDataReader"];

        var partial = await History(query, format: "json", noIndex: true, index: temp.FilePath);
        Assert.Equal(0, partial.Exit);
        Assert.Equal(["1.0.2"], Versions(partial.Output));

        var (exit, output, error) = await History(query, format: "json", noIndex: false, index: temp.FilePath);
        Assert.Equal(0, exit);
        Assert.Contains("Newtonsoft.Json.Bson not fully indexed yet", error);
        Assert.Equal(["1.0.1", "1.0.2"], Versions(output));

        // Complete now: the next query indexes nothing.
        var again = await History(query, format: "json", noIndex: false, index: temp.FilePath);
        Assert.Empty(again.Error);

        static List<string?> Versions(string json)
        {
            using var document = JsonDocument.Parse(json);
            var type = document.RootElement.GetProperty("matches").EnumerateArray()
                .Single(m => m.GetProperty("symbol").GetString() == "T:Newtonsoft.Json.Bson.BsonDataReader");
            return type.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();
        }
    }

    [Fact]
    public async Task History_indexes_a_package_that_is_not_indexed_yet_unless_told_not_to()
    {
        using var temp = new TempIndex();
        var refused = await History(["Dapper", "SqlMapper.QueryFirstOrDefault<T>"], noIndex: true, index: temp.FilePath);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("Dapper is not indexed", refused.Error);

        var (exit, output, error) = await History(["Dapper", "SqlMapper.QueryFirstOrDefault<T>"], format: "json", noIndex: false, index: temp.FilePath);
        Assert.Equal(0, exit);
        Assert.Contains("Dapper not fully indexed yet", error);
        using var document = JsonDocument.Parse(output);
        var matches = document.RootElement.GetProperty("matches");
        Assert.True(matches.GetArrayLength() > 0);
        Assert.All(matches.EnumerateArray(), m => Assert.StartsWith("M:Dapper.SqlMapper.QueryFirstOrDefault``1(", m.GetProperty("symbol").GetString()));
        var versions = matches[0].GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()).ToList();
        Assert.Equal(["2.0.35", "2.0.78", "2.0.123", "2.1.66", "2.1.86"], versions);

        // The newest indexed version's DLL has the method too.
        var newest = matches[0].GetProperty("versions").EnumerateArray().Last();
        var dll = Path.Combine(await fixture.PackageFolderAsync("Dapper", "2.1.86"), newest.GetProperty("asset").GetString()!, "Dapper.dll");
        Assert.Equal(newest.GetProperty("status").GetString() == "present", MetadataSurface.Read(dll).Contains("Dapper.SqlMapper.QueryFirstOrDefault"));
    }
}
