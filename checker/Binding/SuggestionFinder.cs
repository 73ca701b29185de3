using Microsoft.CodeAnalysis;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Binding;

/// <summary>Up to three existing APIs that a missing reference may have meant, ranked by name similarity and argument fit.</summary>
internal static class SuggestionFinder
{
    private const int Max = 3;
    private const double Threshold = 0.52;

    private static readonly HashSet<string> ObjectMembers = ["ToString", "Equals", "GetHashCode", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize"];

    public static IReadOnlyList<string> For(Judgement judgement, BoundSnippet bound)
    {
        if (!judgement.Verdict.IsProblem()) return [];
        if (judgement.Target == LookupTarget.Parameter)
            return (judgement.Candidates ?? []).Take(Max).Select(c => SymbolWords.Display(SymbolWords.Definition(c))).ToList();
        if (judgement.Verdict == Verdict.NoOverload && judgement.Candidates is { Count: > 0 } overloads)
        {
            int count = judgement.ArgumentCount ?? 0;
            return overloads.OrderBy(c => Math.Abs(ArgumentShape.CallParameters(c).Count - count))
                .Take(Max).Select(c => SymbolWords.Display(SymbolWords.Definition(c))).ToList();
        }
        if (judgement.Receiver is { } receiver && judgement.Target == LookupTarget.Member)
            return MembersOf(receiver, judgement, bound);
        if (judgement.Target == LookupTarget.Type)
            return Rank(judgement.Name, bound.References.Catalog.AllTypeNames(), n => n.Name, n => n.Display, _ => 0);
        if (judgement.Evidence == Evidence.NameLevel && judgement.Target == LookupTarget.Member)
            return Rank(judgement.Name, bound.References.Catalog.AllMemberNames(), n => n, n => n, _ => 0);
        return [];
    }

    private static IReadOnlyList<string> MembersOf(ITypeSymbol receiver, Judgement judgement, BoundSnippet bound)
    {
        int position = judgement.Location.SourceSpan.Start;
        IEnumerable<ISymbol> members;
        try
        {
            members = bound.Model.LookupSymbols(position, receiver, includeReducedExtensionMethods: true);
        }
        catch (ArgumentException)
        {
            members = receiver.GetMembers();
        }
        var visible = members
            .Where(m => m.CanBeReferencedByName && !ObjectMembers.Contains(m.Name) && m.Name != judgement.Name
                && m.Kind is SymbolKind.Method or SymbolKind.Property or SymbolKind.Field or SymbolKind.Event or SymbolKind.NamedType)
            .ToList();
        return Rank(judgement.Name, visible, m => m.Name, m => SymbolWords.Display(SymbolWords.Definition(m)), m => ArgumentFit(m, judgement.ArgumentCount));
    }

    private static double ArgumentFit(ISymbol member, int? argumentCount)
    {
        if (argumentCount is not { } count) return member is IMethodSymbol ? 0 : 0.05;
        if (member is not IMethodSymbol method) return 0;
        var parameters = method.Parameters;
        int required = parameters.Count(p => !p.IsOptional && !p.IsParams);
        bool fits = count >= required && (count <= parameters.Length || parameters.Any(p => p.IsParams));
        return fits ? 0.1 : 0;
    }

    private static IReadOnlyList<string> Rank<T>(string wanted, IEnumerable<T> candidates, Func<T, string> name, Func<T, string> display, Func<T, double> fit)
    {
        return candidates
            .Select(c => (c, score: Similarity.Score(wanted, name(c)) + fit(c)))
            .Where(x => x.score >= Threshold)
            .OrderByDescending(x => x.score).ThenBy(x => name(x.c), StringComparer.Ordinal)
            .Select(x => display(x.c))
            .Distinct(StringComparer.Ordinal)
            .Take(Max)
            .ToList();
    }
}
