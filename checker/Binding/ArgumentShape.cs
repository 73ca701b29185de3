using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// The shape of an argument list (count, names, ref kinds) without its types, and whether a method could accept
/// it. A call whose every overload fails on shape calls an overload that does not exist; one that fails only on
/// types may fail because of the snippet's own unknowns, and is not judged.
/// </summary>
internal sealed record ArgumentShape(IReadOnlyList<(string? Name, RefKind RefKind)> Arguments)
{
    public int Count => Arguments.Count;

    public static ArgumentShape Of(BaseArgumentListSyntax? list) =>
        new(list?.Arguments.Select(a => (a.NameColon?.Name.Identifier.ValueText, RefKindOf(a))).ToList() ?? []);

    /// <summary>Could <paramref name="method"/> take these arguments, ignoring their types?</summary>
    public bool Fits(IMethodSymbol method) => Fits(method.Parameters);

    public bool Fits(IReadOnlyList<IParameterSymbol> parameters)
    {
        var filled = new bool[parameters.Count];
        int position = 0;
        foreach (var (name, refKind) in Arguments)
        {
            if (name is null)
            {
                if (position < parameters.Count)
                {
                    var p = parameters[position];
                    if (!RefKindFits(refKind, p.RefKind, p.IsParams)) return false;
                    filled[position] = true;
                    if (!p.IsParams) position++;
                }
                else
                {
                    return false;
                }
                continue;
            }
            int index = IndexOf(parameters, name);
            if (index < 0 || filled[index]) return false;
            if (!RefKindFits(refKind, parameters[index].RefKind, false)) return false;
            filled[index] = true;
            // A named argument in its own position lets later positional arguments follow it (C# 7.2).
            if (index == position) position++;
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!filled[i] && !parameters[i].IsOptional && !parameters[i].IsParams) return false;
        }
        return true;
    }

    /// <summary>Named arguments that no parameter of any of the methods has.</summary>
    public IEnumerable<string> UnknownNames(IEnumerable<IReadOnlyList<IParameterSymbol>> parameterLists)
    {
        var lists = parameterLists.ToList();
        return Arguments.Where(a => a.Name is not null && lists.All(ps => IndexOf(ps, a.Name) < 0)).Select(a => a.Name!);
    }

    private static int IndexOf(IReadOnlyList<IParameterSymbol> parameters, string name)
    {
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Name == name) return i;
        }
        return -1;
    }

    private static bool RefKindFits(RefKind argument, RefKind parameter, bool isParams) => argument switch
    {
        RefKind.None => isParams || parameter is RefKind.None or RefKind.In or RefKind.RefReadOnlyParameter,
        RefKind.Ref => parameter is RefKind.Ref or RefKind.RefReadOnlyParameter or RefKind.In,
        RefKind.Out => parameter == RefKind.Out,
        RefKind.In => parameter is RefKind.In or RefKind.RefReadOnlyParameter,
        _ => true,
    };

    private static RefKind RefKindOf(ArgumentSyntax argument) => argument.RefKindKeyword.Kind() switch
    {
        SyntaxKind.RefKeyword => RefKind.Ref,
        SyntaxKind.OutKeyword => RefKind.Out,
        SyntaxKind.InKeyword => RefKind.In,
        _ => RefKind.None,
    };

    /// <summary>The parameters a call sees: an extension method called on a receiver has no <c>this</c> parameter.</summary>
    public static IReadOnlyList<IParameterSymbol> CallParameters(ISymbol candidate) => candidate switch
    {
        IMethodSymbol m => m.Parameters,
        IPropertySymbol p => p.Parameters,
        INamedTypeSymbol { DelegateInvokeMethod: { } invoke } => invoke.Parameters,
        _ => [],
    };
}
