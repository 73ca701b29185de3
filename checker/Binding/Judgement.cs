using Microsoft.CodeAnalysis;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Binding;

/// <summary>What a missing reference was looked for on, for history queries and suggestions.</summary>
internal enum LookupTarget
{
    /// <summary>A member of <see cref="Judgement.Receiver"/> (or of an unknown receiver).</summary>
    Member,

    /// <summary>A type named <see cref="Judgement.Name"/>.</summary>
    Type,

    /// <summary>A namespace (the right-most name of <see cref="Judgement.Name"/> in <see cref="Judgement.Container"/>).</summary>
    Namespace,

    /// <summary>A parameter of a method or constructor (a named argument).</summary>
    Parameter,
}

/// <summary>The binder's verdict on one reference, still in Roslyn terms (symbols, locations).</summary>
/// <param name="Location">Where the name is written.</param>
/// <param name="Name">The name as written.</param>
/// <param name="Kind">The word for what it is (method, property, class, constructor, named argument, …).</param>
/// <param name="Symbol">The API it binds to (for <see cref="Verdict.Exists"/>), or the single candidate.</param>
/// <param name="Receiver">The type a missing member was looked up on (known receivers only).</param>
/// <param name="Container">The namespace a missing type or namespace was looked up in.</param>
/// <param name="Candidates">Members of that name which exist but do not fit (overloads, inaccessible, non-invocable).</param>
/// <param name="Reason">Why, in words, for the message.</param>
/// <param name="ArgumentCount">For calls: how many arguments were passed (for suggestions ranked by argument fit).</param>
internal sealed record Judgement(
    Location Location,
    string Name,
    string Kind,
    Verdict Verdict,
    Evidence Evidence,
    LookupTarget Target,
    string Reason,
    ISymbol? Symbol = null,
    ITypeSymbol? Receiver = null,
    INamespaceOrTypeSymbol? Container = null,
    IReadOnlyList<ISymbol>? Candidates = null,
    int? ArgumentCount = null);
