using ApiTruth.History.Query;

namespace ApiTruth.Tests.History;

public sealed class ApiQueryParserTests
{
    [Fact]
    public void Dotted_names_keep_their_parts_and_generic_arity()
    {
        var query = ApiQueryParser.Parse("JsonConvert.DeserializeObject<T>");
        Assert.Equal([new NameSegment("JsonConvert", null), new NameSegment("DeserializeObject", 1)], query.Segments);
        Assert.Null(query.Parameters);

        var nested = ApiQueryParser.Parse("System.Collections.Generic.Dictionary<TKey, TValue>.TryAdd");
        Assert.Equal(2, nested.Segments[3].Arity);
        Assert.Equal("TryAdd", nested.SimpleName);

        Assert.Equal(1, ApiQueryParser.Parse("List`1.Add").Segments[0].Arity);
    }

    [Fact]
    public void Keywords_map_to_system_types_in_the_name_and_in_parameters()
    {
        var query = ApiQueryParser.Parse("string.Contains(char)");
        Assert.Equal(["System", "String", "Contains"], query.Segments.Select(s => s.Name));
        var parameter = Assert.Single(query.Parameters!);
        Assert.Equal(["System", "Char"], parameter.Segments);
    }

    [Fact]
    public void Parameters_accept_names_defaults_modifiers_arrays_nullables_generics_and_tuples()
    {
        var query = ApiQueryParser.Parse(
            "JsonConvert.DeserializeObject<T>(string value, JsonSerializerSettings? settings = null, ref int count, params object[] args, List<Dictionary<string, int>> map, (int, string) pair)");
        var p = query.Parameters!;
        Assert.Equal(6, p.Count);
        Assert.Equal(["System", "String"], p[0].Segments);
        Assert.True(p[1].IsNullable);
        Assert.Equal(["JsonSerializerSettings"], p[1].Segments);
        Assert.Equal(PassingModifier.Ref, p[2].Modifier);
        Assert.Equal(PassingModifier.Params, p[3].Modifier);
        Assert.Equal([1], p[3].ArrayRanks);
        Assert.Equal(["Dictionary"], p[4].TypeArguments[0].Segments);
        Assert.Equal(["System", "ValueTuple"], p[5].Segments);
        Assert.Equal(2, p[5].TypeArguments.Count);
    }

    [Fact]
    public void Constructors_and_doc_ids_are_recognised()
    {
        Assert.Equal("#ctor", ApiQueryParser.Parse("new JsonSerializer()").SimpleName);
        Assert.Equal("#ctor", ApiQueryParser.Parse("JsonSerializer..ctor").SimpleName);
        Assert.Equal("#ctor", ApiQueryParser.Parse("JsonSerializer.#ctor(string)").SimpleName);

        var docId = ApiQueryParser.Parse("M:Newtonsoft.Json.JsonConvert.DeserializeObject``1(System.String)");
        Assert.True(docId.IsDocId);
        Assert.Equal("DeserializeObject", docId.SimpleName);
        Assert.Equal(1, docId.Segments[^1].Arity);
    }

    [Fact]
    public void An_indexer_is_the_item_property_with_its_index_parameters()
    {
        var query = ApiQueryParser.Parse("List<T>.this[int]");
        Assert.Equal(["List", "Item"], query.Segments.Select(s => s.Name));
        Assert.Equal(["System", "Int32"], Assert.Single(query.Parameters!).Segments);
        Assert.True(ParameterMatcher.Score(query.Parameters!, "P:System.Collections.Generic.List`1.Item(System.Int32)") >= 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("JsonConvert.")]
    [InlineData("JsonConvert.Deserialize(string")]
    [InlineData("JsonConvert.Deserialize<T")]
    [InlineData("Json Convert")]
    [InlineData("1Type.Member")]
    public void Malformed_queries_fail_with_one_clear_line(string text)
    {
        var error = Assert.Throws<ApiQueryException>(() => ApiQueryParser.Parse(text));
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Parameter_matching_prefers_exact_types_over_generic_parameters()
    {
        var stringOnly = ApiQueryParser.Parse("X.M(string)").Parameters!;
        Assert.True(ParameterMatcher.Score(stringOnly, "M:N.X.M(System.String)") > ParameterMatcher.Score(stringOnly, "M:N.X.M``1(``0)"));
        Assert.True(ParameterMatcher.Score(stringOnly, "M:N.X.M``1(``0)") >= 0);
        Assert.Equal(-1, ParameterMatcher.Score(stringOnly, "M:N.X.M(System.Int32)"));
        Assert.Equal(-1, ParameterMatcher.Score(stringOnly, "M:N.X.M(System.String,System.Int32)"));

        var generic = ApiQueryParser.Parse("Enumerable.Chunk<T>(IEnumerable<T>, int)").Parameters!;
        Assert.True(ParameterMatcher.Score(generic, "M:System.Linq.Enumerable.Chunk``1(System.Collections.Generic.IEnumerable{``0},System.Int32)") >= 0);

        var byRef = ApiQueryParser.Parse("int.TryParse(string, out int)").Parameters!;
        Assert.True(ParameterMatcher.Score(byRef, "M:System.Int32.TryParse(System.String,System.Int32@)") >= 0);
        Assert.Equal(-1, ParameterMatcher.Score(byRef, "M:System.Int32.TryParse(System.String,System.Int32)"));

        var nullable = ApiQueryParser.Parse("X.M(int?, string?)").Parameters!;
        Assert.True(ParameterMatcher.Score(nullable, "M:N.X.M(System.Nullable{System.Int32},System.String)") >= 0);
    }
}
