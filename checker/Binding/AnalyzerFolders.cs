using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace ApiTruth.Checker.Binding;

/// <summary>The C# analyzer assemblies of a package folder, chosen as the SDK chooses them for this compiler version.</summary>
internal static class AnalyzerFolders
{
    /// <summary>analyzers/dotnet/cs, analyzers/dotnet, and the highest analyzers/dotnet/roslynX.Y/cs not newer than this Roslyn.</summary>
    public static IEnumerable<string> Assemblies(string packageFolder)
    {
        var dotnet = Path.Combine(packageFolder, "analyzers", "dotnet");
        if (!Directory.Exists(dotnet)) return [];
        var roslyn = typeof(Compilation).Assembly.GetName().Version ?? new Version(5, 0);
        var versioned = Directory.EnumerateDirectories(dotnet, "roslyn*")
            .Select(d => (Dir: d, Version: Version.TryParse(Path.GetFileName(d)["roslyn".Length..], out var v) ? v : null))
            .Where(x => x.Version is not null && x.Version <= roslyn)
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Dir, "cs"))
            .FirstOrDefault(Directory.Exists);
        var folders = new[] { Path.Combine(dotnet, "cs"), dotnet, versioned }.OfType<string>().Where(Directory.Exists);
        return folders.SelectMany(f => Directory.EnumerateFiles(f, "*.dll", SearchOption.TopDirectoryOnly)).ToList();
    }

    /// <summary>
    /// The attributes that make a reference pack's generator produce code: it runs only when the code uses one
    /// (the others, such as interceptor generators, never add an API the code could call).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> FrameworkGeneratorTriggers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["System.Text.Json.SourceGeneration"] = ["JsonSerializable"],
        ["System.Text.RegularExpressions.Generator"] = ["GeneratedRegex"],
        ["Microsoft.Extensions.Logging.Generators"] = ["LoggerMessage"],
        ["Microsoft.Extensions.Options.SourceGeneration"] = ["OptionsValidator"],
        ["Microsoft.Interop.LibraryImportGenerator"] = ["LibraryImport"],
        ["Microsoft.Interop.ComInterfaceGenerator"] = ["GeneratedComInterface", "GeneratedComClass"],
        ["Microsoft.Interop.JavaScript.JSImportGenerator"] = ["JSImport", "JSExport"],
    };

    /// <summary>Does the assembly declare a type marked [Generator]? Read with System.Reflection.Metadata, without loading it.</summary>
    public static bool HasGenerators(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return false;
            var md = pe.GetMetadataReader();
            foreach (var handle in md.CustomAttributes)
            {
                var attribute = md.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
                var type = md.GetTypeReference((TypeReferenceHandle)ctor.Parent);
                if (md.StringComparer.Equals(type.Name, "GeneratorAttribute") && md.StringComparer.Equals(type.Namespace, "Microsoft.CodeAnalysis"))
                    return true;
            }
            return false;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
