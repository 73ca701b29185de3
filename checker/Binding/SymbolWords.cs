using Microsoft.CodeAnalysis;

namespace ApiTruth.Checker.Binding;

/// <summary>How symbols are named in findings.</summary>
internal static class SymbolWords
{
    public static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat.CSharpShortErrorMessageFormat
        .WithParameterOptions(SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
            | SymbolDisplayParameterOptions.IncludeParamsRefOut | SymbolDisplayParameterOptions.IncludeDefaultValue)
        .WithMemberOptions(SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeContainingType
            | SymbolDisplayMemberOptions.IncludeType | SymbolDisplayMemberOptions.IncludeRef);

    public static readonly SymbolDisplayFormat TypeName = SymbolDisplayFormat.CSharpErrorMessageFormat;

    /// <summary>The kind word of a bound API (as the index's ApiKind words say it).</summary>
    public static string Kind(ISymbol symbol) => symbol switch
    {
        INamedTypeSymbol t => t.TypeKind switch
        {
            TypeKind.Interface => "interface",
            TypeKind.Struct => "struct",
            TypeKind.Enum => "enum",
            TypeKind.Delegate => "delegate",
            _ => "class",
        },
        IMethodSymbol m => m.MethodKind switch
        {
            MethodKind.Constructor => "constructor",
            MethodKind.UserDefinedOperator => "operator",
            MethodKind.Conversion => "conversion",
            _ when m.IsExtensionMethod || m.ReducedFrom is not null => "extension method",
            _ => "method",
        },
        IPropertySymbol p => p.IsIndexer ? "indexer" : "property",
        IFieldSymbol f => f.ContainingType?.TypeKind == TypeKind.Enum ? "enum value" : f.IsConst ? "const" : "field",
        IEventSymbol => "event",
        INamespaceSymbol => "namespace",
        _ => symbol.Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The API a reference resolves to, as the index identifies it: original definitions, extension methods in their static form.</summary>
    public static ISymbol Definition(ISymbol symbol)
    {
        if (symbol is IMethodSymbol { ReducedFrom: { } reduced }) symbol = reduced;
        return symbol.OriginalDefinition;
    }

    public static string? DocId(ISymbol symbol) => Definition(symbol).GetDocumentationCommentId();

    /// <summary>Declared by the snippet (or its companions), not by a referenced assembly.</summary>
    public static bool IsFromSource(ISymbol symbol) => Definition(symbol).Locations.Any(l => l.IsInSource);

    public static string Display(ISymbol symbol) => symbol.ToDisplayString(Signature);
}
