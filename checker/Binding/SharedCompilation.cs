using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Whole files compiled together, as their project compiles them, with the source generators' output: built once
/// (<see cref="SnippetBinder.Share"/>) and shared by every file's semantic model.
/// </summary>
/// <param name="UsingsTree">The global-usings tree in <paramref name="Compilation"/>, which a file that omits usings replaces.</param>
/// <param name="BaseUsings">The namespaces <paramref name="UsingsTree"/> imports.</param>
internal sealed record SharedCompilation(CSharpCompilation Compilation, SyntaxTree UsingsTree, IReadOnlySet<string> BaseUsings);
