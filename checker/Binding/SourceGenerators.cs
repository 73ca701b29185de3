using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Runs the source generators of the reference set (a package's analyzers/dotnet/cs, a reference pack's
/// System.Text.Json and Regex generators) before binding, as the compiler does: a partial JsonSerializerContext
/// gets its Default property, PolySharp its polyfill attributes. Generators are loaded once per process, into
/// their own load context that shares this process's Roslyn.
/// </summary>
internal sealed class SourceGenerators
{
    private readonly GeneratorLoader _loader = new();
    private readonly ConcurrentDictionary<string, ImmutableArray<ISourceGenerator>> _byPath = new(StringComparer.Ordinal);

    /// <summary>The generators in these analyzer assemblies (assemblies that fail to load contribute none).</summary>
    /// <exception cref="GeneratorsNeedJitException">This is the native build, which cannot load them.</exception>
    public ImmutableArray<ISourceGenerator> Load(IReadOnlyCollection<string> analyzerPaths)
    {
        if (analyzerPaths.Count > 0 && !RuntimeFeature.IsDynamicCodeSupported) throw new GeneratorsNeedJitException();
        return analyzerPaths.SelectMany(path => _byPath.GetOrAdd(path, LoadOne)).ToImmutableArray();
    }

    /// <summary>The compilation with the generated trees added; the original trees stay the same objects.</summary>
    /// <param name="properties">The project's MSBuild properties, which generators read as <c>build_property.*</c> options.</param>
    public static CSharpCompilation Run(CSharpCompilation compilation, ImmutableArray<ISourceGenerator> generators, CSharpParseOptions parseOptions,
        IReadOnlyDictionary<string, string>? properties = null)
    {
        if (generators.IsEmpty) return compilation;
        var options = new ProjectOptionsProvider(properties ?? new Dictionary<string, string>());
        var driver = CSharpGeneratorDriver.Create(generators, parseOptions: parseOptions, optionsProvider: options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return (CSharpCompilation)output;
    }

    private ImmutableArray<ISourceGenerator> LoadOne(string path)
    {
        try
        {
            _loader.AddDependencyLocation(path);
            return new AnalyzerFileReference(path, _loader).GetGenerators(LanguageNames.CSharp);
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or FileLoadException or ReflectionTypeLoadException or TypeLoadException)
        {
            return [];
        }
    }

    /// <summary>Loads analyzer assemblies next to their dependencies; Roslyn itself comes from this process.</summary>
    private sealed class GeneratorLoader : IAnalyzerAssemblyLoader
    {
        private readonly ConcurrentDictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly Context _context;

        public GeneratorLoader() => _context = new Context(this);

        public void AddDependencyLocation(string fullPath)
        {
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(fullPath)!, "*.dll"))
                _byName.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }

        [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Generator assemblies are loaded only with the JIT: Load refuses before in the native build.")]
        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class Context(GeneratorLoader owner) : AssemblyLoadContext("ApiTruth source generators")
        {
            [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Generator assemblies are loaded only with the JIT: Load refuses before in the native build.")]
            protected override Assembly? Load(AssemblyName name)
            {
                // Shared with the host: Roslyn and the framework, so that generator types are the host's types.
                if (name.Name is { } simple && (simple.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
                    || Default.Assemblies.Any(a => a.GetName().Name == simple)))
                    return null;
                return name.Name is not null && owner._byName.TryGetValue(name.Name, out var path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }

    /// <summary>Every project property as <c>build_property.Name</c> (what CompilerVisibleProperty would pass; more does no harm).</summary>
    private sealed class ProjectOptionsProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global = new(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
        private static readonly Options Empty = new(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
