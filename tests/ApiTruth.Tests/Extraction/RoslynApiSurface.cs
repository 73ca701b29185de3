using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Tests.Extraction;

/// <summary>
/// The public API of one assembly as the C# compiler sees it: every type and member of the assembly symbol
/// reachable from another assembly, by <see cref="ISymbol.GetDocumentationCommentId"/>. What Roslyn lists but
/// consumer code cannot use by that identity is set aside under a named reason, so a cross-check can show
/// each difference with its justification instead of hiding it.
/// </summary>
internal sealed class RoslynApiSurface
{
    /// <summary>Why a symbol Roslyn lists is not an API record. Each is asserted to be absent from the extraction.</summary>
    public static class Reasons
    {
        public const string ImplicitValueTypeConstructor =
            "implicit parameterless constructor of a value type: Roslyn synthesizes it, metadata has no row (the checker must treat `new S()` as existing wherever S exists)";
        public const string Unspeakable =
            "unspeakable compiler-generated name (<Clone>$, <X>e__FixedBuffer): no C# code can name it";
        public const string ProtectedInSealedType =
            "protected member or nested type of a sealed type: nothing outside can derive from the type, so every use from another assembly is an error (CS0122/CS1540, or CS1501 when overload resolution drops it)";
        public const string ExtensionBlockType =
            "C# 14 extension block type (TypeKind.Extension): not a type code can name; its members are recorded";
        public const string Accessor =
            "property/event accessor method: recorded as its property or event (C# cannot call get_X directly, CS0571)";
    }

    private RoslynApiSurface(HashSet<string> apis, Dictionary<string, List<string>> setAside, IReadOnlyList<string> forwardedTypes)
    {
        Apis = apis;
        SetAside = setAside;
        ForwardedTypes = forwardedTypes;
    }

    /// <summary>Doc IDs of the top-level public types the assembly forwards to another assembly.</summary>
    public IReadOnlyList<string> ForwardedTypes { get; }

    /// <summary>Doc IDs of the API as ApiTruth defines it.</summary>
    public HashSet<string> Apis { get; }

    /// <summary>Doc IDs Roslyn lists that are not API records, by reason.</summary>
    public Dictionary<string, List<string>> SetAside { get; }

    public IEnumerable<string> SetAsideFor(string reason) => SetAside.GetValueOrDefault(reason) ?? [];

    /// <param name="assembly">The assembly to list.</param>
    /// <param name="references">What it needs to bind (the reference pack); a file with the same name as <paramref name="assembly"/> is replaced by it.</param>
    public static RoslynApiSurface Read(string assembly, IEnumerable<string> references)
    {
        var name = Path.GetFileName(assembly);
        var target = MetadataReference.CreateFromFile(assembly);
        var all = references.Where(r => !string.Equals(Path.GetFileName(r), name, StringComparison.OrdinalIgnoreCase))
            .Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)).Append(target).ToList();
        var compilation = CSharpCompilation.Create("CrossCheck", references: all,
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var symbol = compilation.GetAssemblyOrModuleSymbol(target) as IAssemblySymbol
            ?? throw new InvalidOperationException($"Roslyn could not load {assembly}");
        var forwarded = symbol.GetForwardedTypes()
            .Where(t => t.ContainingType is null && t.DeclaredAccessibility == Accessibility.Public && t.TypeKind != TypeKind.Error)
            .Select(t => t.GetDocumentationCommentId()!).ToList();
        var surface = new RoslynApiSurface(new HashSet<string>(StringComparer.Ordinal), [], forwarded);
        surface.WalkNamespace(symbol.GlobalNamespace);
        return surface;
    }

    private void WalkNamespace(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner) WalkNamespace(inner);
            else if (member is INamedTypeSymbol type && type.DeclaredAccessibility == Accessibility.Public) WalkType(type);
        }
    }

    private void WalkType(INamedTypeSymbol type)
    {
        var id = type.GetDocumentationCommentId()!;
        if (type.TypeKind == TypeKind.Extension) Add(Reasons.ExtensionBlockType, id);
        else if (IsUnspeakable(type.MetadataName)) { Add(Reasons.Unspeakable, id); return; }
        else Apis.Add(id);

        foreach (var member in type.GetMembers())
        {
            var memberId = member.GetDocumentationCommentId();
            if (memberId is null) continue;
            switch (Reach(member, type))
            {
                case Visibility.Hidden:
                    continue;
                case Visibility.ProtectedInSealed:
                    Add(Reasons.ProtectedInSealedType, memberId);
                    continue;
            }
            if (member is INamedTypeSymbol nested)
            {
                WalkType(nested);
                continue;
            }
            if (member is IMethodSymbol method)
            {
                if (method.MethodKind is MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise)
                {
                    Add(Reasons.Accessor, memberId);
                    continue;
                }
                if (method.MethodKind == MethodKind.Constructor && method.IsImplicitlyDeclared && type.IsValueType)
                {
                    Add(Reasons.ImplicitValueTypeConstructor, memberId);
                    continue;
                }
            }
            if (IsUnspeakable(SimpleName(member.MetadataName)))
            {
                Add(Reasons.Unspeakable, memberId);
                continue;
            }
            Apis.Add(memberId);
        }
    }

    private enum Visibility { Visible, Hidden, ProtectedInSealed }

    private static Visibility Reach(ISymbol member, INamedTypeSymbol container)
    {
        switch (member.DeclaredAccessibility)
        {
            case Accessibility.Public:
                return Visibility.Visible;
            case Accessibility.Protected or Accessibility.ProtectedOrInternal:
                return container.IsSealed ? Visibility.ProtectedInSealed : Visibility.Visible;
            case Accessibility.Private when IsVisibleExplicitImplementation(member):
                return Visibility.Visible;
            default:
                return Visibility.Hidden;
        }
    }

    // Explicit interface implementations are private in metadata yet callable through a visible interface.
    private static bool IsVisibleExplicitImplementation(ISymbol member)
    {
        ISymbol? implemented = member switch
        {
            IMethodSymbol m => m.ExplicitInterfaceImplementations.FirstOrDefault(),
            IPropertySymbol p => p.ExplicitInterfaceImplementations.FirstOrDefault(),
            IEventSymbol e => e.ExplicitInterfaceImplementations.FirstOrDefault(),
            _ => null,
        };
        if (implemented is null) return false;
        for (var t = implemented.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        }
        return true;
    }

    private static string SimpleName(string metadataName)
    {
        var dot = metadataName.LastIndexOf('.');
        return dot >= 0 ? metadataName[(dot + 1)..] : metadataName;
    }

    private static bool IsUnspeakable(string name) => name.Contains('<') || name.Contains('>');

    private void Add(string reason, string id)
    {
        if (!SetAside.TryGetValue(reason, out var list)) SetAside[reason] = list = [];
        list.Add(id);
    }
}
