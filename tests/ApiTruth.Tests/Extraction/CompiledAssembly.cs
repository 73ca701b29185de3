using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Tests.Extraction;

/// <summary>Compiles C# source with Roslyn into a dll on disk, against the net8.0 reference pack.</summary>
internal static class CompiledAssembly
{
    /// <returns>The path of the emitted dll (in a fresh temporary folder).</returns>
    public static string Emit(string assemblyName, string source, IEnumerable<string> references)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        var compilation = CSharpCompilation.Create(assemblyName, [tree],
            references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable));
        var folder = Path.Combine(Path.GetTempPath(), "apitruth-tests", "compiled", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, assemblyName + ".dll");
        using (var file = File.Create(path))
        {
            var result = compilation.Emit(file);
            if (!result.Success)
            {
                throw new InvalidOperationException("test source does not compile:\n" + string.Join("\n",
                    result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
            }
        }
        return path;
    }
}
