using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// A reference set ready for Roslyn: one template compilation whose bound assembly symbols every snippet's
/// compilation shares (compilations derived from it reuse its reference manager), plus the name catalog.
/// </summary>
internal sealed class ReferenceContext
{
    private readonly Dictionary<string, AssemblyOwner> _ownersByAssemblyName;
    private readonly Lazy<NameCatalog> _catalog;

    private readonly SourceGenerators _generators;
    private readonly Lazy<IReadOnlyList<string>> _packageGenerators;

    public ReferenceContext(ResolvedReferences references, Func<string, MetadataReference> referenceFor, NameCatalogCache catalogs, bool aspNetCore,
        SourceGenerators generators)
    {
        _generators = generators;
        _packageGenerators = new(() => references.Analyzers.Where(a => !a.FromFramework).Select(a => a.Path).Where(AnalyzerFolders.HasGenerators).ToList());
        References = references;
        var metadata = references.Assemblies.Select(a => referenceFor(a.Path)).ToImmutableArray();
        Template = CSharpCompilation.Create("ApiTruthSnippet", references: metadata, options: new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Disable, // nullability warnings are not the question; their flow analysis costs time
            allowUnsafe: true,
            concurrentBuild: false));
        _ownersByAssemblyName = new Dictionary<string, AssemblyOwner>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < metadata.Length; i++)
        {
            if (Template.GetAssemblyOrModuleSymbol(metadata[i]) is IAssemblySymbol assembly)
                _ownersByAssemblyName.TryAdd(assembly.Identity.Name, references.Assemblies[i].Owner);
        }
        _catalog = new Lazy<NameCatalog>(() => catalogs.For(references));
        ImplicitUsings = Input.ImplicitUsings.For(aspNetCore).Where(NamespaceExists).ToList();
    }

    public ResolvedReferences References { get; }

    /// <summary>A compilation with the references and no code.</summary>
    public CSharpCompilation Template { get; }

    public NameCatalog Catalog => _catalog.Value;

    /// <summary>
    /// The source generators to run on this code: the packages' always (PolySharp's polyfills, …); a reference
    /// pack's when the code uses its trigger attribute ([JsonSerializable], [LoggerMessage], [GeneratedRegex], …).
    /// </summary>
    public ImmutableArray<ISourceGenerator> GeneratorsFor(IEnumerable<SyntaxTree> code)
    {
        var frameworkPaths = References.Analyzers.Where(a => a.FromFramework).Select(a => a.Path).ToList();
        var wanted = new List<string>(_packageGenerators.Value);
        if (frameworkPaths.Count > 0)
        {
            var attributes = code.SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>())
                .Select(a => a.Name.ToString().Split('.').Last())
                .Select(n => n.EndsWith("Attribute", StringComparison.Ordinal) ? n[..^"Attribute".Length] : n)
                .ToHashSet(StringComparer.Ordinal);
            wanted.AddRange(frameworkPaths.Where(path =>
                AnalyzerFolders.FrameworkGeneratorTriggers.TryGetValue(Path.GetFileNameWithoutExtension(path), out var triggers) && triggers.Any(attributes.Contains)));
        }
        return wanted.Count == 0 ? [] : _generators.Load(wanted);
    }

    /// <summary>The SDK's implicit usings (Microsoft.NET.Sdk, plus Microsoft.NET.Sdk.Web's for ASP.NET Core) that exist here.</summary>
    public IReadOnlyList<string> ImplicitUsings { get; }

    /// <summary>The package or framework that ships an assembly of this set; null for the snippet's own code.</summary>
    public AssemblyOwner? OwnerOf(IAssemblySymbol? assembly) =>
        assembly is not null && _ownersByAssemblyName.TryGetValue(assembly.Identity.Name, out var owner) ? owner : null;

    public bool NamespaceExists(string qualifiedName)
    {
        INamespaceSymbol? ns = Template.GlobalNamespace;
        foreach (var part in qualifiedName.Split('.'))
        {
            ns = ns.GetNamespaceMembers().FirstOrDefault(n => n.Name == part);
            if (ns is null) return false;
        }
        return true;
    }
}

/// <summary>Keeps metadata references and reference contexts for the life of the process (warm checks reuse them).</summary>
internal sealed class ReferenceContextCache
{
    private readonly ConcurrentDictionary<string, MetadataReference> _metadata = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<ReferenceContext>> _contexts = new(StringComparer.Ordinal);
    private readonly NameCatalogCache _catalogs = new();
    private readonly SourceGenerators _generators = new();

    public ReferenceContext For(ResolvedReferences references, bool aspNetCore) =>
        _contexts.GetOrAdd(references.Key + "|" + aspNetCore,
            _ => new Lazy<ReferenceContext>(() => new ReferenceContext(references, Reference, _catalogs, aspNetCore, _generators))).Value;

    private MetadataReference Reference(string path) =>
        _metadata.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));
}
