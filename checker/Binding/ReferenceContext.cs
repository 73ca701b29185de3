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
    private readonly Lazy<IReadOnlyList<AnalyzerAssembly>> _generatorAssemblies;

    // Checks with the same pins mostly import the same namespaces: the global-usings tree is parsed once per set.
    private readonly ConcurrentDictionary<string, SyntaxTree> _usingsTrees = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _namespaces = new(StringComparer.Ordinal);

    public ReferenceContext(ResolvedReferences references, Func<string, MetadataReference> referenceFor, NameCatalogCache catalogs, bool aspNetCore,
        SourceGenerators generators)
    {
        _generators = generators;
        _generatorAssemblies = new(() => references.Analyzers.Where(a => AnalyzerFolders.HasGenerators(a.Path)).ToList());
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
    /// The source generators to run on this code: a well-known one when the code uses its trigger attribute
    /// ([JsonSerializable], [LoggerMessage], [GeneratedRegex], …); any other generator a package ships, always.
    /// </summary>
    public ImmutableArray<ISourceGenerator> GeneratorsFor(IEnumerable<SyntaxTree> code)
    {
        var candidates = _generatorAssemblies.Value;
        if (candidates.Count == 0) return [];
        HashSet<string>? attributes = null;
        var wanted = new List<string>();
        foreach (var analyzer in candidates)
        {
            if (AnalyzerFolders.GeneratorTriggers.TryGetValue(Path.GetFileNameWithoutExtension(analyzer.Path), out var triggers))
            {
                attributes ??= AttributeNames(code);
                if (triggers.Any(attributes.Contains)) wanted.Add(analyzer.Path);
            }
            else if (!analyzer.FromFramework)
            {
                wanted.Add(analyzer.Path); // a package's own generator (PolySharp's polyfills, …) may add anything
            }
        }
        return wanted.Count == 0 ? [] : _generators.Load(wanted);
    }

    private static HashSet<string> AttributeNames(IEnumerable<SyntaxTree> code) =>
        code.SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>())
            .Select(a => a.Name.ToString().Split('.').Last())
            .Select(n => n.EndsWith("Attribute", StringComparison.Ordinal) ? n[..^"Attribute".Length] : n)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The <c>global using</c> file that imports these namespaces (shared by every compilation that imports the same ones).</summary>
    public SyntaxTree UsingsTree(IEnumerable<string> namespaces)
    {
        var text = string.Join("\n", namespaces.Distinct(StringComparer.Ordinal).Select(n => $"global using global::{n};"));
        return _usingsTrees.GetOrAdd(text, t => CSharpSyntaxTree.ParseText(t, Input.ParsedSnippet.RegularOptions, path: "<implicit usings>"));
    }

    /// <summary>The SDK's implicit usings (Microsoft.NET.Sdk, plus Microsoft.NET.Sdk.Web's for ASP.NET Core) that exist here.</summary>
    public IReadOnlyList<string> ImplicitUsings { get; }

    /// <summary>The package or framework that ships an assembly of this set; null for the snippet's own code.</summary>
    public AssemblyOwner? OwnerOf(IAssemblySymbol? assembly) =>
        assembly is not null && _ownersByAssemblyName.TryGetValue(assembly.Identity.Name, out var owner) ? owner : null;

    public bool NamespaceExists(string qualifiedName) => _namespaces.GetOrAdd(qualifiedName, FindNamespace);

    private bool FindNamespace(string qualifiedName)
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
        _metadata.GetOrAdd(path, MappedReference.Create);
}
