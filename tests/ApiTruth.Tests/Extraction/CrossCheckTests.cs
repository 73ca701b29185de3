using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Model;
using Xunit.Abstractions;

namespace ApiTruth.Tests.Extraction;

/// <summary>
/// THE CROSS-CHECK: over whole real assemblies, the set of doc IDs the extractor records equals the set of
/// public/protected API doc IDs Roslyn sees in the same file (<see cref="RoslynApiSurface"/>), except for the
/// differences named in <see cref="RoslynApiSurface.Reasons"/>, each of which is shown to be absent from the
/// extraction. Two further known differences never show up as a set difference: enum <c>value__</c> fields
/// (in metadata, dropped by the extractor and never listed by Roslyn) and C#-invisible accessor methods
/// (listed by Roslyn as methods, recorded by both sides as their property or event).
/// Forwarded types are compared separately, against Roslyn's <c>GetForwardedTypes()</c>.
/// </summary>
[Collection(PackageFilesCollection.Name)]
public sealed class CrossCheckTests(PackageFiles packages, ITestOutputHelper output)
{
    [Fact]
    public void NewtonsoftJson_13_0_3_net6_0_matches_Roslyn()
    {
        var extracted = CrossCheck(packages.Package("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll"));
        Assert.Contains("M:Newtonsoft.Json.JsonConvert.DeserializeObject``1(System.String,Newtonsoft.Json.JsonSerializerSettings)", extracted);
        Assert.True(extracted.Count > 1500, $"only {extracted.Count} APIs");
    }

    [Fact]
    public void Serilog_4_4_0_net8_0_matches_Roslyn()
    {
        var extracted = CrossCheck(packages.Package("Serilog", "4.4.0", "lib/net8.0/Serilog.dll"));
        Assert.Contains("T:Serilog.LoggerConfiguration", extracted);
        Assert.True(extracted.Count > 400, $"only {extracted.Count} APIs");
    }

    [Fact]
    public void SystemRuntime_of_the_net8_reference_pack_matches_Roslyn()
    {
        var extracted = CrossCheck(Path.Combine(packages.Net8RefPack, "System.Runtime.dll"));
        Assert.Contains("M:System.String.Contains(System.Char)", extracted);
        Assert.True(extracted.Count > 12000, $"only {extracted.Count} APIs");
    }

    [Fact]
    public void SystemLinq_of_the_net8_reference_pack_matches_Roslyn()
    {
        var extracted = CrossCheck(Path.Combine(packages.Net8RefPack, "System.Linq.dll"));
        Assert.Contains("M:System.Linq.Enumerable.Where``1(System.Collections.Generic.IEnumerable{``0},System.Func{``0,System.Boolean})", extracted);
    }

    /// <summary>More assets of the same packages: other target frameworks, built by other compiler versions.</summary>
    [Theory]
    [InlineData("Newtonsoft.Json", "13.0.3", "lib/netstandard2.0/Newtonsoft.Json.dll")]
    [InlineData("Newtonsoft.Json", "13.0.3", "lib/net45/Newtonsoft.Json.dll")]
    [InlineData("Newtonsoft.Json", "9.0.1", "lib/netstandard1.0/Newtonsoft.Json.dll")]
    [InlineData("Newtonsoft.Json", "9.0.1", "lib/net45/Newtonsoft.Json.dll")]
    [InlineData("Serilog", "4.4.0", "lib/netstandard2.0/Serilog.dll")]
    [InlineData("Serilog", "4.4.0", "lib/net462/Serilog.dll")]
    public void Other_package_assets_match_Roslyn(string id, string version, string asset) =>
        Assert.NotEmpty(CrossCheck(packages.Package(id, version, asset)));

    /// <summary>
    /// Every assembly of the net8.0 reference pack, one group each. The facades that forward to assemblies shipped
    /// as separate packages (System.Drawing.Common, System.Data.SqlClient, ...) have problems for those forwarders;
    /// Roslyn cannot resolve them either, so both sides leave them out.
    /// </summary>
    [Fact]
    public void Every_assembly_of_the_net8_reference_pack_matches_Roslyn()
    {
        var mismatches = new List<string>();
        var setAside = new Dictionary<string, int>();
        var checkedApis = 0;
        foreach (var dll in packages.Net8RefPackAssemblies)
        {
            var extraction = new ApiExtractor().Extract([dll], [packages.Net8RefPack]);
            var own = extraction.Apis.Where(a => !a.Has(ApiFlags.Forwarded)).Select(a => a.DocId).ToHashSet(StringComparer.Ordinal);
            var forwarded = extraction.Apis.Where(a => a.Has(ApiFlags.Forwarded) && a.Kind.IsType() && a.DeclaringType is null)
                .Select(a => a.DocId).ToHashSet(StringComparer.Ordinal);
            var roslyn = RoslynApiSurface.Read(dll, packages.Net8RefPackAssemblies);
            checkedApis += own.Count;
            foreach (var (reason, ids) in roslyn.SetAside)
            {
                setAside[reason] = setAside.GetValueOrDefault(reason) + ids.Count;
                mismatches.AddRange(ids.Where(own.Contains).Select(id => $"{Path.GetFileName(dll)}: set aside but extracted: {id}"));
            }
            mismatches.AddRange(roslyn.Apis.Except(own).Select(id => $"{Path.GetFileName(dll)}: Roslyn only: {id}"));
            mismatches.AddRange(own.Except(roslyn.Apis).Select(id => $"{Path.GetFileName(dll)}: extractor only: {id}"));
            mismatches.AddRange(roslyn.ForwardedTypes.Except(forwarded).Select(id => $"{Path.GetFileName(dll)}: forwarded per Roslyn only: {id}"));
            mismatches.AddRange(forwarded.Except(roslyn.ForwardedTypes).Select(id => $"{Path.GetFileName(dll)}: forwarded per extractor only: {id}"));
        }
        output.WriteLine($"{packages.Net8RefPackAssemblies.Count} assemblies, {checkedApis} APIs compared");
        foreach (var (reason, count) in setAside) output.WriteLine($"  set aside {count}: {reason}");
        foreach (var mismatch in mismatches.Take(50)) output.WriteLine(mismatch);
        Assert.Empty(mismatches);
        Assert.True(checkedApis > 50_000, $"only {checkedApis} APIs compared");
    }

    [Fact]
    public void Compiled_edge_cases_match_Roslyn()
    {
        var dll = EdgeCaseAssembly.Emit(packages);
        var extracted = CrossCheck(dll, out var roslyn);
        // The shapes the source was written for are really there, so the equality above is not vacuous.
        Assert.Contains("M:EdgeCases.Shapes.FunctionPointers(,System.Int32)", extracted);
        Assert.Contains("M:EdgeCases.Shapes.Arrays(System.Int32[0:,0:],System.Int32[][],System.String[][0:,0:])", extracted);
        Assert.Contains("M:EdgeCases.Shapes.op_Explicit(EdgeCases.Shapes)~System.Int32", extracted);
        Assert.Contains("M:EdgeCases.Shapes.System#Collections#Generic#IEnumerable{System#Int32}#GetEnumerator", extracted);
        Assert.Contains("P:EdgeCases.Text.<G>$34505F560D9EACF86A87F3ED1F85E448.LineCount", extracted);
        Assert.Contains("M:EdgeCases.Text.get_LineCount(System.String)", extracted);
        // The justified differences each occur here, and the extractor has none of them.
        Assert.Contains("M:EdgeCases.SealedDerived.Hook", roslyn.SetAsideFor(RoslynApiSurface.Reasons.ProtectedInSealedType));
        Assert.Contains("M:EdgeCases.SealedDerived.NewProtected", roslyn.SetAsideFor(RoslynApiSurface.Reasons.ProtectedInSealedType));
        Assert.Contains("M:EdgeCases.Person.{Clone}$", roslyn.SetAsideFor(RoslynApiSurface.Reasons.Unspeakable));
        Assert.Contains("T:EdgeCases.Buffers.<Items>e__FixedBuffer", roslyn.SetAsideFor(RoslynApiSurface.Reasons.Unspeakable));
        Assert.Contains("M:EdgeCases.Point.#ctor", roslyn.SetAsideFor(RoslynApiSurface.Reasons.ImplicitValueTypeConstructor));
        Assert.Contains("M:EdgeCases.Color.#ctor", roslyn.SetAsideFor(RoslynApiSurface.Reasons.ImplicitValueTypeConstructor));
        Assert.Single(roslyn.SetAsideFor(RoslynApiSurface.Reasons.ExtensionBlockType), id => id.StartsWith("T:EdgeCases.Text.<G>$34505F560D9EACF86A87F3ED1F85E448.<M>$", StringComparison.Ordinal));
    }

    /// <summary>
    /// The justification for leaving out protected members of sealed types, checked with the compiler: calling
    /// BufferedStream.Dispose(bool) (a protected override in a sealed type) from a class derived from Stream is an
    /// error, while the overridden Stream.Dispose(bool), which is recorded, binds.
    /// </summary>
    [Fact]
    public void Protected_members_of_sealed_types_cannot_be_used_from_another_assembly()
    {
        const string source = """
            class MyStream : System.IO.MemoryStream
            {
                protected override void Dispose(bool disposing) => base.Dispose(disposing);
                void Use(System.IO.BufferedStream buffered) => buffered.Dispose(true);
            }
            """;
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Consumer",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source)],
            packages.Net8RefPackAssemblies.Select(r => (Microsoft.CodeAnalysis.MetadataReference)Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(r)),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();

        var error = Assert.Single(errors);
        // Inaccessible members are not even overload candidates: "no overload for method 'Dispose' takes 1 arguments".
        Assert.Contains(error.Id, new[] { "CS1501", "CS1540", "CS0122" });
        // On the line of buffered.Dispose(true); base.Dispose(disposing) binds.
        Assert.Equal(3, error.Location.GetLineSpan().StartLinePosition.Line);
        var extracted = new ApiExtractor().Extract([Path.Combine(packages.Net8RefPack, "System.Runtime.dll")], [packages.Net8RefPack]).Apis;
        Assert.Contains(extracted, a => a.DocId == "M:System.IO.Stream.Dispose(System.Boolean)");
        Assert.DoesNotContain(extracted, a => a.DocId == "M:System.IO.BufferedStream.Dispose(System.Boolean)");
    }

    private HashSet<string> CrossCheck(string dll) => CrossCheck(dll, out _);

    private HashSet<string> CrossCheck(string dll, out RoslynApiSurface roslyn)
    {
        var extraction = new ApiExtractor().Extract([dll], [packages.Net8RefPack]);
        Assert.Empty(extraction.Problems);
        var own = extraction.Apis.Where(a => !a.Has(ApiFlags.Forwarded)).Select(a => a.DocId).ToHashSet(StringComparer.Ordinal);
        roslyn = RoslynApiSurface.Read(dll, packages.Net8RefPackAssemblies);

        output.WriteLine($"{Path.GetFileName(dll)}: extracted {own.Count}, Roslyn {roslyn.Apis.Count}");
        foreach (var (reason, ids) in roslyn.SetAside)
        {
            output.WriteLine($"  set aside {ids.Count}: {reason}");
            foreach (var id in ids.Take(5)) output.WriteLine($"      e.g. {id}");
            foreach (var id in ids) Assert.DoesNotContain(id, own);
        }

        var missing = roslyn.Apis.Except(own).Order(StringComparer.Ordinal).ToList();
        var extra = own.Except(roslyn.Apis).Order(StringComparer.Ordinal).ToList();
        foreach (var id in missing.Take(50)) output.WriteLine($"  Roslyn only: {id}");
        foreach (var id in extra.Take(50)) output.WriteLine($"  extractor only: {id}");
        Assert.True(missing.Count == 0 && extra.Count == 0, $"{missing.Count} Roslyn-only and {extra.Count} extractor-only doc IDs (see output)");

        var forwarded = extraction.Apis.Where(a => a.Has(ApiFlags.Forwarded) && a.Kind.IsType() && a.DeclaringType is null)
            .Select(a => a.DocId).ToHashSet(StringComparer.Ordinal);
        var roslynForwarded = roslyn.ForwardedTypes;
        output.WriteLine($"  forwarded types: extracted {forwarded.Count}, Roslyn {roslynForwarded.Count}");
        Assert.Equal(roslynForwarded.Order(StringComparer.Ordinal), forwarded.Order(StringComparer.Ordinal));
        return own;
    }
}
