using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.Extraction;

namespace ApiTruth.Tests.Storage;

/// <summary>
/// The catalog stores a display signature as its difference from the one <see cref="DisplayTemplate"/> rebuilds from
/// the other facts. Over whole real assemblies, what the reader gives back must be byte-identical to what the extractor
/// wrote, and the template must be right for nearly every API (that is what makes the difference nearly free).
/// </summary>
[Collection(PackageFilesCollection.Name)]
public sealed class DisplayRebuildTests(PackageFiles packages)
{
    public static TheoryData<string> Sets => ["net8.0 reference pack", "Newtonsoft.Json 13.0.3 lib/net6.0"];

    private IReadOnlyList<ApiRecord> Extract(string set)
    {
        IReadOnlyList<string> assemblies = set.StartsWith("net8.0", StringComparison.Ordinal)
            ? packages.Net8RefPackAssemblies
            : [packages.Package("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll")];
        var result = new ApiExtractor().Extract(assemblies, [packages.Net8RefPack]);
        // One variant per (doc ID, facts), as the writer stores them.
        return CatalogCodec.InStorageOrder(result.Apis.Distinct());
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_stored_api_reads_back_byte_identical_display_and_facts(string set)
    {
        var records = Extract(set);
        Assert.True(records.Count > 1000, $"{set}: {records.Count} APIs");
        var decoded = CatalogRoundTrip.Decode(records);
        Assert.Equal(records.Count, decoded.Length);
        for (var i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].Display, decoded[i].Display);
            Assert.Equal(records[i], decoded[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void The_template_rebuilds_almost_every_display_exactly(string set)
    {
        var records = Extract(set);
        var scopes = ScopeFacts.From(records).For(records);
        // Generic methods are left out: their own type parameter names are stored next to the template's input.
        var checkable = records.Where(r => r.Kind.IsType() || r.GenericArity == 0).ToList();
        var exact = checkable.Count(r => DisplayTemplate.Rebuild(r.DocId, r.Kind, r.Flags, r.ReturnType, r.Parameters, null, scopes) == r.Display);
        // Enum values and constants miss by design (their value is stored as the difference).
        var valued = checkable.Count(r => r.Kind is ApiKind.EnumValue or ApiKind.Const);
        Assert.True(exact >= (checkable.Count - valued) * 0.98, $"{set}: {exact} of {checkable.Count} rebuilt exactly ({valued} enum values and constants)");
    }
}
