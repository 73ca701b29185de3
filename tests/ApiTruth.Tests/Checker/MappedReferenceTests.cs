using ApiTruth.Checker.Binding;
using ApiTruth.Tests.Storage;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Tests.Checker;

/// <summary>References over mapped images bind as Roslyn's own file references do, and fail as they do.</summary>
public sealed class MappedReferenceTests
{
    private static readonly string CoreLibrary = typeof(object).Assembly.Location;

    private static IReadOnlyList<string> Errors(MetadataReference reference, string code) =>
        CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText(code)], [reference], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToList();

    [Fact]
    public void A_mapped_assembly_binds_what_the_file_reference_binds()
    {
        const string Code = "class C { string S() => \"x\".ToUpperInvariant(); int M() => System.Math.Max(1, 2); void N() => \"x\".NoSuchMethod(); }";
        var mapped = MappedReference.Create(CoreLibrary);
        Assert.Equal(CoreLibrary, ((PortableExecutableReference)mapped).FilePath);
        Assert.Equal(["CS1061"], Errors(mapped, Code));
        Assert.Equal(Errors(MetadataReference.CreateFromFile(CoreLibrary), Code), Errors(mapped, Code));
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_reported_by_the_compiler_not_thrown()
    {
        using var temp = new TempIndex();
        var bogus = Path.Combine(temp.Folder, "Bogus.dll");
        File.WriteAllText(bogus, "this is not a portable executable, but it is long enough to be mapped");
        var mapped = MappedReference.Create(bogus);
        Assert.Contains("CS0009", Errors(mapped, "class C { }"));
        Assert.Equal(Errors(MetadataReference.CreateFromFile(bogus), "class C { }"), Errors(mapped, "class C { }"));
    }

    [Fact]
    public void An_assembly_with_a_second_module_finds_the_types_of_that_module()
    {
        using var temp = new TempIndex();
        var coreLibrary = MetadataReference.CreateFromFile(CoreLibrary);
        var module = CSharpCompilation.Create("Extra", [CSharpSyntaxTree.ParseText("public class FromModule { public int Value => 1; }")], [coreLibrary],
            new CSharpCompilationOptions(OutputKind.NetModule));
        var modulePath = Path.Combine(temp.Folder, "Extra.netmodule");
        Assert.True(module.Emit(modulePath).Success);
        var assembly = CSharpCompilation.Create("TwoModules", [CSharpSyntaxTree.ParseText("public class FromManifest { }")],
            [coreLibrary, ModuleMetadata.CreateFromFile(modulePath).GetReference()], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var assemblyPath = Path.Combine(temp.Folder, "TwoModules.dll");
        Assert.True(assembly.Emit(assemblyPath).Success);

        const string Code = "class C { int V() => new FromModule().Value; FromManifest M() => new FromManifest(); }";
        var errors = CSharpCompilation.Create("Probe", [CSharpSyntaxTree.ParseText(Code)], [coreLibrary, MappedReference.Create(assemblyPath)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(errors);
    }
}
