using ApiTruth.Indexer.Extraction;

namespace ApiTruth.Tests.Extraction;

public sealed class DocIdWriterTests
{
    [Theory]
    [InlineData("T:System.Object", "T:System.Object")]
    [InlineData("T:System.Collections.Generic.List{System.String}", "T:System.Collections.Generic.List`1")]
    [InlineData("T:System.Collections.Generic.Dictionary{System.String,System.Collections.Generic.List{``0}}", "T:System.Collections.Generic.Dictionary`2")]
    [InlineData("T:N.Outer{`0}.Inner{System.Int32,`1}", "T:N.Outer`1.Inner`2")]
    [InlineData("T:System.Collections.Generic.Dictionary{`0,`1}.Enumerator", "T:System.Collections.Generic.Dictionary`2.Enumerator")]
    public void OpenTypeId_turns_a_constructed_type_into_the_definition_it_names(string constructed, string open) =>
        Assert.Equal(open, DocIdWriter.OpenTypeId(constructed));

    [Theory]
    [InlineData("List`1", 1, "List")]
    [InlineData("List", 0, "List")]
    [InlineData("Odd`2", 1, "Odd`2")]
    [InlineData("Dictionary`2", 2, "Dictionary")]
    public void Unmangled_strips_only_a_suffix_that_states_the_arity(string name, int arity, string expected) =>
        Assert.Equal(expected, TypeNames.Unmangled(name, arity));
}
