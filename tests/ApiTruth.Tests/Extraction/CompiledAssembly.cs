using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Tests.Extraction;

/// <summary>Compiles C# source with Roslyn into a dll on disk, against the given references.</summary>
internal static class CompiledAssembly
{
    /// <returns>The path of the emitted dll. The same source and references give the same file, compiled once.</returns>
    public static string Emit(string assemblyName, string source, IReadOnlyList<string> references)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", [assemblyName, source, typeof(CSharpCompilation).Assembly.FullName!, .. references]))))[..16];
        var folder = Path.Combine(Path.GetTempPath(), "apitruth-tests", "compiled", key);
        var path = Path.Combine(folder, assemblyName + ".dll");
        if (File.Exists(path)) return path;

        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        var compilation = CSharpCompilation.Create(assemblyName, [tree],
            references.Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable, deterministic: true));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("test source does not compile:\n" + string.Join("\n",
                result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }
        Directory.CreateDirectory(folder);
        // Write aside and move, so a concurrent test run never reads half a file.
        var partial = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(partial, image.ToArray());
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
