using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>A snippet bound against its reference set, after the usings it omitted were added.</summary>
/// <param name="AddedUsings">Namespaces imported because the snippet uses their types or extension methods without a using.</param>
/// <param name="AmbiguousTypes">Simple type names the snippet uses that several namespaces define, none of which could be preferred.</param>
internal sealed record BoundSnippet(
    ParsedSnippet Snippet,
    ReferenceContext References,
    CSharpCompilation Compilation,
    SemanticModel Model,
    IReadOnlyList<string> AddedUsings,
    IReadOnlyDictionary<string, IReadOnlyList<string>> AmbiguousTypes);

/// <summary>
/// Compiles a snippet (only its semantic model: no emit) and adds the usings it omits: a type used by simple name
/// that exactly one namespace of the reference set defines, an extension method that one non-imported namespace
/// provides for the receiver's type. Repeats while that resolves more names (a type found makes a var typed,
/// whose extension methods can then be looked for).
/// </summary>
internal static class SnippetBinder
{
    private const int MaxPasses = 4;

    /// <summary>
    /// One compilation for whole files that are compiled together (a project's files, several files given at once):
    /// the files, their global usings and the output of the source generators, built and bound once. Each file then
    /// gets its own semantic model of it; declarations and members every file uses are bound only once.
    /// </summary>
    /// <param name="globalUsings">The project's global usings (default: the SDK's implicit usings).</param>
    public static SharedCompilation Share(ReferenceContext context, IReadOnlyList<SyntaxTree> files, IReadOnlyList<string>? globalUsings = null,
        IReadOnlyDictionary<string, string>? projectProperties = null)
    {
        var baseUsings = BaseUsings(context, globalUsings);
        var usingsTree = context.UsingsTree(baseUsings);
        var compilation = context.Template.AddSyntaxTrees([.. files, usingsTree]);
        var generators = context.GeneratorsFor(files);
        if (!generators.IsEmpty && files.Count > 0)
            compilation = SourceGenerators.Run(compilation, generators, ((CSharpParseOptions)files[0].Options).WithKind(SourceCodeKind.Regular), projectProperties);
        return new SharedCompilation(compilation, usingsTree, baseUsings);
    }

    /// <summary>The first compilation of one whole file of a shared compilation: the shared one itself.</summary>
    public static BindingStart Start(ParsedSnippet snippet, ReferenceContext context, SharedCompilation shared)
    {
        var tree = snippet.Tree;
        (CSharpCompilation, SemanticModel) Compile(IEnumerable<string> added)
        {
            var usingsTree = context.UsingsTree(shared.BaseUsings.Concat(added));
            // Replacing one tree keeps the rest of the compilation's declarations: cheaper than building it again.
            var compilation = usingsTree == shared.UsingsTree ? shared.Compilation : shared.Compilation.ReplaceSyntaxTree(shared.UsingsTree, usingsTree);
            return (compilation, compilation.GetSemanticModel(tree));
        }
        return new BindingStart(snippet, context, shared.BaseUsings, shared.Compilation, shared.Compilation.GetSemanticModel(tree), Compile);
    }

    /// <summary>The first compilation of a snippet compiled on its own, with <paramref name="companions"/> (whole files it may use) beside it.</summary>
    /// <param name="globalUsings">The project's global usings (default: the SDK's implicit usings).</param>
    public static BindingStart Start(ParsedSnippet snippet, ReferenceContext context, IReadOnlyList<SyntaxTree>? companions = null, Action<string>? trace = null,
        IReadOnlyList<string>? globalUsings = null, IReadOnlyDictionary<string, string>? projectProperties = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tree = snippet.Tree;
        var baseUsings = BaseUsings(context, globalUsings);
        int before = companions?.Count ?? 0;
        companions = WithGeneratedCode(context, tree, baseUsings, companions, projectProperties);
        trace?.Invoke($"  generators: {(companions?.Count ?? 0) - before} files, {clock.ElapsedMilliseconds} ms");
        (CSharpCompilation, SemanticModel) Compile(IEnumerable<string> added) => SnippetBinder.Compile(context, tree, baseUsings, added, companions);
        var (compilation, model) = Compile([]);
        return new BindingStart(snippet, context, baseUsings, compilation, model, Compile);
    }

    /// <summary>Binds a snippet in a compilation of its own (see <see cref="Start(ParsedSnippet, ReferenceContext, IReadOnlyList{SyntaxTree}?, Action{string}?, IReadOnlyList{string}?, IReadOnlyDictionary{string, string}?)"/>).</summary>
    public static BoundSnippet Bind(ParsedSnippet snippet, ReferenceContext context, IReadOnlyList<SyntaxTree>? companions = null, Action<string>? trace = null,
        IReadOnlyList<string>? globalUsings = null, IReadOnlyDictionary<string, string>? projectProperties = null) =>
        Bind(Start(snippet, context, companions, trace, globalUsings, projectProperties), trace);

    /// <summary>
    /// The snippet as it is, when every name it uses in scope binds to something: then no using is missing for a type, and
    /// only a member that does not bind can still want one (an extension method of a namespace not imported). Null when
    /// some name is unresolved. Costs no more than the binding a walk over the snippet needs anyway, far less than the
    /// compiler's diagnostics for the whole unit that <see cref="Bind(BindingStart, Action{string}?)"/> computes.
    /// </summary>
    public static BoundSnippet? BindAsIs(BindingStart start) =>
        UnresolvedCapitalizedNames(start.Model, start.Snippet.Tree.GetRoot()).Any()
            ? null
            : new BoundSnippet(start.Snippet, start.Context, start.Compilation, start.Model, [], new Dictionary<string, IReadOnlyList<string>>());

    private static IReadOnlySet<string> BaseUsings(ReferenceContext context, IReadOnlyList<string>? globalUsings) =>
        new HashSet<string>((globalUsings ?? context.ImplicitUsings).Where(context.NamespaceExists), StringComparer.Ordinal);

    /// <summary>
    /// Whether <see cref="Bind(BindingStart, Action{string}?)"/> could import something that changes these problems of a
    /// snippet bound as is (<see cref="BindAsIs"/>): a member missing on a known receiver that an extension method of a
    /// namespace not imported provides. A missing type or namespace, or a named argument, is answered conservatively
    /// (yes); a member of an unknown receiver, no (with every name resolved, no using can type the receiver).
    /// </summary>
    public static bool CouldImportMore(BindingStart start, IEnumerable<Judgement> problems)
    {
        var root = start.Snippet.Tree.GetRoot();
        HashSet<string>? imported = null;
        foreach (var problem in problems)
        {
            if (problem.Target != LookupTarget.Member) return true;
            if (problem.Receiver is null or IErrorTypeSymbol) continue;
            var name = SyntaxNames.SimpleNameAt(root, problem.Location.SourceSpan)?.Identifier.ValueText ?? problem.Name;
            imported ??= new HashSet<string>(start.BaseUsings.Concat(ExplicitUsings(start.Snippet.Tree)), StringComparer.Ordinal);
            if (ExtensionNamespaces(start.Context, start.Compilation, name, problem.Receiver, imported).Any()) return true;
        }
        return false;
    }

    /// <summary>Binds the snippet, adding the usings it omits (see the class summary).</summary>
    public static BoundSnippet Bind(BindingStart start, Action<string>? trace = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (snippet, context, baseUsings, compile) = (start.Snippet, start.Context, start.BaseUsings, start.Compile);
        var tree = snippet.Tree;
        var added = new List<string>();
        var ambiguous = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var (compilation, model) = (start.Compilation, start.Model);
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            trace?.Invoke($"  pass {pass}: {clock.ElapsedMilliseconds} ms");
            var imported = new HashSet<string>(baseUsings.Concat(added).Concat(ExplicitUsings(tree)), StringComparer.Ordinal);
            var wanted = new List<string>();
            var undecided = new List<(string Name, IReadOnlyList<string> Namespaces)>();
            var root = tree.GetRoot();
            // Binding every method body for diagnostics is most of a warm check: once per pass.
            var diagnostics = model.GetDiagnostics();
            // Type names from the diagnostics, and from the tree: inside a lambda passed to a call that fails,
            // the compiler reports nothing, yet the names there must resolve too.
            var typeNames = diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is "CS0246" or "CS0103" or "CS0308")
                .Select(d => SyntaxNames.SimpleNameAt(root, d.Location.SourceSpan))
                .OfType<SimpleNameSyntax>()
                .Concat(UnresolvedCapitalizedNames(model, root))
                .ToList();
            trace?.Invoke($"  diagnostics: {clock.ElapsedMilliseconds} ms");
            foreach (var name in typeNames)
            {
                if (name.Parent is QualifiedNameSyntax q && q.Right == name) continue; // Ns.Type: explicitly qualified
                if (!tried.Add("T:" + name.Identifier.ValueText + "`" + SyntaxNames.Arity(name))) continue;
                var namespaces = TypeNamespaces(context, name, imported);
                if (namespaces.Count == 1) wanted.Add(namespaces[0]);
                else if (namespaces.Count > 1) undecided.Add((name.Identifier.ValueText, namespaces));
            }
            foreach (var d in diagnostics)
            {
                if (d.Severity != DiagnosticSeverity.Error || d.Id is not ("CS1061" or "CS1929")) continue;
                if (SyntaxNames.SimpleNameAt(root, d.Location.SourceSpan) is not { } name) continue;
                var receiver = name.Parent is MemberAccessExpressionSyntax ma ? model.GetTypeInfo(ma.Expression).Type : null;
                if (receiver is null or IErrorTypeSymbol) continue;
                if (!tried.Add("M:" + receiver.ToDisplayString() + "." + name.Identifier.ValueText)) continue;
                wanted.AddRange(ExtensionNamespaces(context, compilation, name.Identifier.ValueText, receiver, imported));
            }
            foreach (var (name, namespaces) in undecided)
            {
                var choice = Disambiguate(compile, added.Concat(wanted).ToList(), namespaces);
                if (choice is not null) wanted.Add(choice);
                else ambiguous[name] = namespaces;
            }
            var fresh = wanted.Distinct(StringComparer.Ordinal).Where(n => !imported.Contains(n)).ToList();
            if (fresh.Count == 0) break;
            added.AddRange(fresh);
            (compilation, model) = compile(added);
        }
        trace?.Invoke($"  bound: {clock.ElapsedMilliseconds} ms");
        return new BoundSnippet(snippet, context, compilation, model, added, ambiguous);
    }

    private static IEnumerable<SimpleNameSyntax> UnresolvedCapitalizedNames(SemanticModel model, SyntaxNode root) =>
        root.DescendantNodes().OfType<SimpleNameSyntax>()
            .Where(n => SyntaxNames.StartsUpper(n.Identifier.ValueText) && !IsMemberName(n))
            .Where(n => model.GetSymbolInfo(n) is { Symbol: null, CandidateSymbols.Length: 0 });

    // Names that are looked up as members of something, not in scope.
    private static bool IsMemberName(SimpleNameSyntax n) => n.Parent switch
    {
        MemberAccessExpressionSyntax ma => ma.Name == n,
        MemberBindingExpressionSyntax => true,
        QualifiedNameSyntax q => q.Right == n,
        NameColonSyntax or NameEqualsSyntax => true,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } a => a.Left == n,
        _ => false,
    };

    // Source generators run once, on the code as written; their output joins every later pass as more code.
    private static IReadOnlyList<SyntaxTree>? WithGeneratedCode(ReferenceContext context, SyntaxTree tree, IEnumerable<string> baseUsings,
        IReadOnlyList<SyntaxTree>? companions, IReadOnlyDictionary<string, string>? projectProperties)
    {
        var generators = context.GeneratorsFor(new[] { tree }.Concat(companions ?? []));
        if (generators.IsEmpty) return companions;
        var (compilation, _) = Compile(context, tree, baseUsings, [], companions);
        var options = ((CSharpParseOptions)tree.Options).WithKind(SourceCodeKind.Regular);
        var output = SourceGenerators.Run(compilation, generators, options, projectProperties);
        var generated = output.SyntaxTrees.Skip(compilation.SyntaxTrees.Length).ToList();
        return generated.Count == 0 ? companions : [.. companions ?? [], .. generated];
    }

    private static (CSharpCompilation, SemanticModel) Compile(ReferenceContext context, SyntaxTree tree, IEnumerable<string> baseUsings,
        IEnumerable<string> added, IReadOnlyList<SyntaxTree>? companions)
    {
        var usingsTree = context.UsingsTree(baseUsings.Concat(added));
        var trees = new List<SyntaxTree> { tree, usingsTree };
        if (companions is not null) trees.AddRange(companions);
        var compilation = context.Template.AddSyntaxTrees(trees);
        return (compilation, compilation.GetSemanticModel(tree));
    }

    // The namespaces whose type of this simple name and arity the snippet may mean; when several, the
    // directly pinned packages' namespaces come first (a transitive dependency's type of the same name is
    // rarely what a snippet about the pinned package means).
    private static IReadOnlyList<string> TypeNamespaces(ReferenceContext context, SimpleNameSyntax name, HashSet<string> imported)
    {
        var simple = name.Identifier.ValueText;
        int arity = SyntaxNames.Arity(name);
        var names = SyntaxNames.IsAttributeName(name) && !simple.EndsWith("Attribute", StringComparison.Ordinal)
            ? new[] { simple + "Attribute", simple }
            : new[] { simple };
        var candidates = names.SelectMany(context.Catalog.TypesNamed)
            .Where(t => !t.Type.IsNested && t.Type.Arity == arity)
            .ToList();
        var preferred = candidates.Where(c => !c.Owner.IsFramework && !c.Owner.IsTransitive).ToList();
        var chosen = preferred.Count > 0 && preferred.Select(c => c.Type.Namespace).Distinct().Count() == 1 ? preferred : candidates;
        return chosen.Select(c => c.Type.Namespace).Distinct(StringComparer.Ordinal).Where(n => n.Length > 0).ToList();
    }

    private static IEnumerable<string> ExtensionNamespaces(ReferenceContext context, CSharpCompilation compilation, string name,
        ITypeSymbol receiver, HashSet<string> imported)
    {
        var found = new List<(string Namespace, AssemblyOwner Owner)>();
        foreach (var (member, owner) in context.Catalog.MembersNamed(name))
        {
            if (!member.IsExtension || imported.Contains(member.Namespace)) continue;
            var container = compilation.GetTypeByMetadataName(member.DeclaringMetadataName);
            if (container is null) continue;
            bool applies = container.GetMembers(name).OfType<IMethodSymbol>()
                .Any(m => m.IsExtensionMethod && m.ReduceExtensionMethod(receiver) is not null);
            if (applies) found.Add((member.Namespace, owner));
        }
        var direct = found.Where(f => !f.Owner.IsFramework && !f.Owner.IsTransitive).ToList();
        return (direct.Count > 0 ? direct : found).Select(f => f.Namespace).Distinct(StringComparer.Ordinal);
    }

    // Several namespaces define the type: bind with each and keep the one under which the snippet has the
    // fewest errors (the namespace its author imported makes the members it uses resolve). A tie is undecided.
    private static string? Disambiguate(Func<IEnumerable<string>, (CSharpCompilation, SemanticModel)> compile, List<string> added,
        IReadOnlyList<string> namespaces)
    {
        var scored = namespaces.Select(ns =>
        {
            var (_, model) = compile(added.Append(ns));
            return (ns, errors: model.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error));
        }).OrderBy(s => s.errors).ToList();
        return scored.Count == 1 || scored[0].errors < scored[1].errors ? scored[0].ns : null;
    }

    private static IEnumerable<string> ExplicitUsings(SyntaxTree tree) =>
        tree.GetRoot().DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name is not null)
            .Select(u => u.Name!.ToString());
}
