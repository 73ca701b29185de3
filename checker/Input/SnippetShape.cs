using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiTruth.Checker.Input;

/// <summary>What kind of code a snippet is, which decides how it is parsed and what its unknown names mean.</summary>
internal enum SnippetForm
{
    /// <summary>A whole file: usings, namespaces, types. Every name it uses must be declared or referenced.</summary>
    File,

    /// <summary>Top-level statements (with local functions, methods, types): parsed as top-level statements or in script mode; undeclared names are the context the snippet was cut from.</summary>
    Statements,

    /// <summary>Members without their class (methods, fields, properties, constructors): wrapped in a class; undeclared names are context.</summary>
    Members,
}

/// <summary>A snippet parsed in the mode its form needs.</summary>
/// <param name="Tree">The tree to bind. For <see cref="SnippetForm.Members"/> it wraps the text in a class, with <c>#line</c> directives keeping the original line numbers.</param>
/// <param name="WrapperName">The name of the wrapping class (the constructor's name when the snippet has one).</param>
internal sealed record ParsedSnippet(SnippetSource Source, SnippetDirectives Directives, SnippetForm Form, SyntaxTree Tree, string? WrapperName)
{
    public static readonly CSharpParseOptions RegularOptions = new(LanguageVersion.Preview, DocumentationMode.None);
    public static readonly CSharpParseOptions ScriptOptions = RegularOptions.WithKind(SourceCodeKind.Script);

    /// <summary>The 1-based line and column, in the input file, of a position of <see cref="Tree"/>.</summary>
    public (int Line, int Column) Position(Location location)
    {
        var span = location.GetMappedLineSpan().StartLinePosition;
        return (Source.FileLine(span.Line + 1), span.Character + 1 + Source.Indent);
    }

    /// <summary>The snippet's own text of a 1-based line of <see cref="SnippetSource.Text"/>, for showing it.</summary>
    public string TextLine(int fileLine)
    {
        var lines = Source.Text.Split('\n');
        int i = fileLine - Source.FirstLine;
        return i >= 0 && i < lines.Length ? new string(' ', Source.Indent) + lines[i].TrimEnd('\r') : "";
    }

    /// <param name="symbols">Preprocessor symbols (the target framework's and the project's); none by default.</param>
    public static ParsedSnippet Parse(SnippetSource source, IReadOnlyList<string>? symbols = null)
    {
        var directives = SnippetDirectives.Extract(source);
        var text = directives.Text;
        var regularOptions = symbols is null ? RegularOptions : RegularOptions.WithPreprocessorSymbols(symbols);
        var scriptOptions = regularOptions.WithKind(SourceCodeKind.Script);
        var script = CSharpSyntaxTree.ParseText(text, scriptOptions, path: source.Path);
        var root = (CompilationUnitSyntax)script.GetRoot();
        var members = root.Members;
        bool declaresNamespace = members.Any(m => m is BaseNamespaceDeclarationSyntax);
        // Script mode reads `var x = …;` at the top as a field; no field is typed var, so it is a statement.
        bool hasStatements = members.Any(m => m is GlobalStatementSyntax
            || m is FieldDeclarationSyntax { Declaration.Type.IsVar: true });
        bool hasLooseMembers = members.Any(m => m is not (BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
            or BaseNamespaceDeclarationSyntax or GlobalStatementSyntax));
        if (declaresNamespace || (!hasStatements && !hasLooseMembers))
            return new ParsedSnippet(source, directives, SnippetForm.File, CSharpSyntaxTree.ParseText(text, regularOptions, path: source.Path), null);
        if (hasStatements)
        {
            // Top-level statements parse in both modes: the regular one knows `using var` and the like, the
            // script one also takes methods with modifiers between statements. Keep the one that parses better.
            var regular = CSharpSyntaxTree.ParseText(text, regularOptions, path: source.Path);
            int Errors(SyntaxTree t) => t.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
            // On a tie with errors, script mode's recovery is finer (one member per statement).
            int regularErrors = Errors(regular), scriptErrors = Errors(script);
            var best = regularErrors < scriptErrors || (regularErrors == scriptErrors && regularErrors == 0) ? regular : script;
            return new ParsedSnippet(source, directives, SnippetForm.Statements, best, null);
        }
        return Wrap(source, directives, text, root, regularOptions);
    }

    // Members go inside a class, as in the file they were cut from; usings and extern aliases stay in front of it.
    private static ParsedSnippet Wrap(SnippetSource source, SnippetDirectives directives, string text, CompilationUnitSyntax root, CSharpParseOptions options)
    {
        var constructorName = root.Members.OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.ReturnType.IsMissing || (m.ReturnType is IdentifierNameSyntax && m.Identifier.IsMissing))
            ?.Identifier.ValueText;
        // `public Foo(int x) {…}` parses in script mode as a method whose return type is missing, or whose
        // return type is Foo and whose name is missing; both mean a constructor.
        constructorName ??= root.Members.OfType<MethodDeclarationSyntax>()
            .Where(m => m.Identifier.IsMissing && m.ReturnType is IdentifierNameSyntax)
            .Select(m => ((IdentifierNameSyntax)m.ReturnType).Identifier.ValueText).FirstOrDefault();
        var name = string.IsNullOrEmpty(constructorName) ? "Snippet" : constructorName;
        bool allStatic = root.Members.All(m => m is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax
            || m.Modifiers.Any(SyntaxKind.StaticKeyword) || m.Modifiers.Any(SyntaxKind.ConstKeyword));
        bool hasExtensionMethods = root.Members.OfType<MethodDeclarationSyntax>()
            .Any(m => m.ParameterList.Parameters.FirstOrDefault()?.Modifiers.Any(SyntaxKind.ThisKeyword) == true);
        int split = root.Usings.Count > 0 ? root.Usings.Last().FullSpan.End
            : root.Externs.Count > 0 ? root.Externs.Last().FullSpan.End : 0;
        var head = text[..split];
        if (head.Length > 0 && !head.EndsWith('\n')) head += "\n";
        int bodyLine = head.Count(c => c == '\n') + 1;
        // Not partial: a partial class may get members from a source generator, which makes its lookups unverifiable.
        var modifiers = allStatic && hasExtensionMethods ? "internal static" : "internal";
        var wrapped = $"{head}{modifiers} class {name}\n{{\n#line {bodyLine}\n{text[split..]}\n#line default\n}}\n";
        var tree = CSharpSyntaxTree.ParseText(wrapped, options, path: source.Path);
        return new ParsedSnippet(source, directives, SnippetForm.Members, tree, name);
    }
}
