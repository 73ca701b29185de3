using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Tests.Extraction;

/// <summary>Known facts about real packages and the net8.0 reference pack, as the extractor must record them.</summary>
[Collection(PackageFilesCollection.Name)]
public sealed class PackageFactsTests(PackageFiles packages)
{
    private const string DeserializeObjectAsync = "M:Newtonsoft.Json.JsonConvert.DeserializeObjectAsync``1(System.String)";

    private Dictionary<string, ApiRecord> Extract(params string[] assemblies)
    {
        var result = new ApiExtractor().Extract(assemblies, [packages.Net8RefPack]);
        Assert.Empty(result.Problems);
        return result.Apis.ToDictionary(a => a.DocId, StringComparer.Ordinal);
    }

    [Theory]
    [InlineData("lib/netstandard1.0/Newtonsoft.Json.dll")]
    [InlineData("lib/net45/Newtonsoft.Json.dll")]
    public void DeserializeObjectAsync_is_in_Newtonsoft_Json_9_0_1_and_obsolete(string asset)
    {
        var apis = Extract(packages.Package("Newtonsoft.Json", "9.0.1", asset));

        var api = apis[DeserializeObjectAsync];
        Assert.Equal(ApiKind.Method, api.Kind);
        Assert.True(api.Has(ApiFlags.Static | ApiFlags.Obsolete));
        Assert.False(api.Has(ApiFlags.ObsoleteError));
        Assert.StartsWith("DeserializeObjectAsync is obsolete. Use the Task.Factory.StartNew method", api.ObsoleteMessage);
        Assert.Equal("JsonConvert.DeserializeObjectAsync<T>(string value)", api.Display);
        Assert.Equal("System.Threading.Tasks.Task{``0}", api.ReturnType);
        Assert.Equal("T:Newtonsoft.Json.JsonConvert", api.DeclaringType);
        Assert.Equal(1, api.GenericArity);
        Assert.Equal(new[] { new ApiParameter("value", "System.String") }, api.ParameterList);
    }

    [Fact]
    public void DeserializeObjectAsync_is_gone_from_Newtonsoft_Json_13_0_3_while_DeserializeObject_stays()
    {
        var apis = Extract(packages.Package("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll"));

        Assert.DoesNotContain(DeserializeObjectAsync, apis.Keys);
        var api = apis["M:Newtonsoft.Json.JsonConvert.DeserializeObject``1(System.String,Newtonsoft.Json.JsonSerializerSettings)"];
        Assert.Equal("JsonConvert.DeserializeObject<T>(string value, JsonSerializerSettings settings)", api.Display);
        Assert.Equal("``0", api.ReturnType);
        Assert.Equal(ApiFlags.Static, api.Flags);
        var type = apis["T:Newtonsoft.Json.JsonConvert"];
        Assert.Equal(ApiKind.Class, type.Kind);
        Assert.Equal(ApiFlags.Static, type.Flags);
        Assert.Equal("static class JsonConvert", type.Display);
        Assert.Equal("T:System.Object", type.BaseType);
    }

    [Fact]
    public void A_protected_member_is_extracted_and_a_protected_member_of_a_sealed_type_is_not()
    {
        var apis = Extract(Path.Combine(packages.Net8RefPack, "System.Runtime.dll"));

        var dispose = apis["M:System.IO.Stream.Dispose(System.Boolean)"];
        Assert.Equal(ApiFlags.Protected | ApiFlags.Virtual, dispose.Flags);
        Assert.Equal("Stream.Dispose(bool disposing)", dispose.Display);
        // BufferedStream is sealed and overrides it: nothing outside can derive, so nothing can call it.
        Assert.Contains("T:System.IO.BufferedStream", apis.Keys);
        Assert.DoesNotContain("M:System.IO.BufferedStream.Dispose(System.Boolean)", apis.Keys);
    }

    [Fact]
    public void Obsolete_DiagnosticId_and_EditorBrowsable_Never_are_read_from_the_reference_pack()
    {
        var apis = Extract(Path.Combine(packages.Net8RefPack, "System.Runtime.dll"));

        var getObjectData = apis["M:System.Exception.GetObjectData(System.Runtime.Serialization.SerializationInfo,System.Runtime.Serialization.StreamingContext)"];
        Assert.True(getObjectData.Has(ApiFlags.Obsolete | ApiFlags.EditorBrowsableNever));
        Assert.Equal("SYSLIB0051", getObjectData.ObsoleteDiagnosticId);
        Assert.Equal(ApiFlags.EditorBrowsableNever, apis["M:System.String.GetPinnableReference"].Flags);
        Assert.Equal("System.Char@", apis["M:System.String.GetPinnableReference"].ReturnType);
    }

    [Fact]
    public void An_extension_method_records_its_extended_type()
    {
        var apis = Extract(Path.Combine(packages.Net8RefPack, "System.Linq.dll"));

        var where = apis["M:System.Linq.Enumerable.Where``1(System.Collections.Generic.IEnumerable{``0},System.Func{``0,System.Boolean})"];
        Assert.Equal(ApiFlags.Static | ApiFlags.Extension, where.Flags);
        Assert.Equal("T:System.Collections.Generic.IEnumerable`1", where.ExtendedType);
        Assert.Equal(ParameterModifier.This, where.ParameterList[0].Modifier);
        Assert.Equal("System.Collections.Generic.IEnumerable{``0}", where.ParameterList[0].Type);
        Assert.Equal("Enumerable.Where<TSource>(this IEnumerable<TSource> source, Func<TSource, bool> predicate)", where.Display);
        Assert.Equal("static class Enumerable", apis["T:System.Linq.Enumerable"].Display);
    }

    [Fact]
    public void A_type_forwarded_by_the_netstandard_facade_is_available_with_its_whole_surface()
    {
        var facade = Path.Combine(packages.Net8RefPack, "netstandard.dll");
        var apis = Extract(facade);

        // netstandard.dll defines no System.String: it forwards it to System.Runtime.
        var stringType = apis["T:System.String"];
        Assert.True(stringType.Has(ApiFlags.Forwarded));
        Assert.True(apis["M:System.String.Contains(System.Char)"].Has(ApiFlags.Forwarded));
        Assert.True(apis["M:System.Linq.Enumerable.Where``1(System.Collections.Generic.IEnumerable{``0},System.Func{``0,System.Boolean})"].Has(ApiFlags.Forwarded));
        Assert.All(apis.Values, a => Assert.True(a.Has(ApiFlags.Forwarded), a.DocId));

        // In a group that also has the defining assembly, the definition is the record.
        var both = Extract(facade, Path.Combine(packages.Net8RefPack, "System.Runtime.dll"));
        Assert.False(both["T:System.String"].Has(ApiFlags.Forwarded));
        Assert.False(both["M:System.String.Contains(System.Char)"].Has(ApiFlags.Forwarded));
    }

    [Fact]
    public void The_netstandard_facade_forwards_what_Roslyn_says_it_forwards()
    {
        var facade = Path.Combine(packages.Net8RefPack, "netstandard.dll");
        var result = new ApiExtractor().Extract([facade], [packages.Net8RefPack]);
        var forwarded = result.Apis.Where(a => a.Kind.IsType() && a.DeclaringType is null).Select(a => a.DocId).Order(StringComparer.Ordinal);
        var roslyn = RoslynApiSurface.Read(facade, packages.Net8RefPackAssemblies);

        Assert.Empty(roslyn.Apis);
        Assert.True(roslyn.ForwardedTypes.Count > 1000, $"{roslyn.ForwardedTypes.Count} forwarded types");
        Assert.Equal(roslyn.ForwardedTypes.Order(StringComparer.Ordinal), forwarded);
    }

    [Fact]
    public void A_forwarder_whose_target_assembly_is_missing_is_a_problem_not_an_exception()
    {
        // netstandard.dll alone, with nothing to resolve against: none of its forwarders can be followed.
        var folder = Directory.CreateTempSubdirectory("apitruth-forwarder-").FullName;
        var facade = Path.Combine(folder, "netstandard.dll");
        File.Copy(Path.Combine(packages.Net8RefPack, "netstandard.dll"), facade);

        var result = new ApiExtractor().Extract([facade], []);

        Assert.Empty(result.Apis);
        Assert.Contains(result.Problems, p => p.AssemblyPath == facade
            && p.Message.Contains("cannot be followed", StringComparison.Ordinal)
            && p.Message.EndsWith("assembly System.Runtime was not found among the resolution paths", StringComparison.Ordinal));
    }
}
