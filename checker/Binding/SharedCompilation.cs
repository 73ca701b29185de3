using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Whole files compiled together, as their project compiles them, with the source generators' output: built once
/// (<see cref="SnippetBinder.Share"/>) and shared by every file's semantic model.
/// </summary>
/// <param name="UsingsTree">The global-usings tree in <paramref name="Compilation"/>, which a file that omits usings replaces.</param>
/// <param name="BaseUsings">The namespaces <paramref name="UsingsTree"/> imports.</param>
internal sealed record SharedCompilation(CSharpCompilation Compilation, SyntaxTree UsingsTree, IReadOnlySet<string> BaseUsings);

/// <summary>A snippet's first compilation, before any using it omits is added, and how to compile it with more usings.</summary>
/// <param name="Compile">The compilation and the snippet's model with these namespaces imported besides <paramref name="BaseUsings"/>.</param>
internal sealed record BindingStart(ParsedSnippet Snippet, ReferenceContext Context, IReadOnlySet<string> BaseUsings, CSharpCompilation Compilation,
    SemanticModel Model, Func<IEnumerable<string>, (CSharpCompilation, SemanticModel)> Compile);
