using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Visits every API reference of a bound snippet and judges it: names (types, members, namespaces), object
/// creations, named arguments, attribute properties, indexers, operators and query clauses. References to the
/// snippet's own declarations and to its undeclared context (variables it was cut from) are not judged; members
/// of that context are judged by name only.
/// </summary>
internal sealed class ReferenceWalker
{
    private readonly BoundSnippet _bound;
    private readonly SemanticModel _model;
    private readonly SnippetForm _form;
    private readonly Dictionary<SyntaxNode, Judgement?> _judged = [];
    private readonly Dictionary<SyntaxNode, Origin> _origins = [];
    private readonly HashSet<SyntaxNode> _inProgress = [];
    private readonly Dictionary<ExpressionSyntax, ITypeSymbol?> _trusted = [];
    private readonly Dictionary<string, bool> _variableEvidence = new(StringComparer.Ordinal);

    public ReferenceWalker(BoundSnippet bound)
    {
        _bound = bound;
        _model = bound.Model;
        _form = bound.Snippet.Form;
    }

    /// <summary>Where the type of an expression comes from, when the binder could not give it one.</summary>
    private enum Origin
    {
        /// <summary>The binder knows its type.</summary>
        Known,

        /// <summary>The snippet's undeclared context (a variable it never declares, or what such a variable's members return): judged by name.</summary>
        Unknown,

        /// <summary>The result of something missing or unresolvable: nothing can be said about its members.</summary>
        Broken,
    }

    private NameCatalog Catalog => _bound.References.Catalog;

    public IReadOnlyList<Judgement> Walk()
    {
        var result = new List<Judgement>();
        var root = _bound.Snippet.Tree.GetRoot();
        foreach (var node in root.DescendantNodes())
        {
            var judgement = node switch
            {
                SimpleNameSyntax name => JudgeName(name),
                BaseObjectCreationExpressionSyntax creation => JudgeCreation(creation),
                ArgumentSyntax { NameColon: not null } argument => JudgeNamedArgument(argument),
                ElementAccessExpressionSyntax access => JudgeIndexer(access, access.ArgumentList.OpenBracketToken),
                BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or AssignmentExpressionSyntax
                    => JudgeOperator((ExpressionSyntax)node),
                CastExpressionSyntax cast => JudgeConversion(cast),
                QueryClauseSyntax or SelectOrGroupClauseSyntax or OrderingSyntax => JudgeQueryClause(node),
                _ => null,
            };
            if (judgement is not null && judgement.Location.SourceTree == _bound.Snippet.Tree)
                result.Add(judgement);
        }
        return result;
    }

    // ---------------------------------------------------------------- names

    private Judgement? JudgeName(SimpleNameSyntax name)
    {
        if (_judged.TryGetValue(name, out var known)) return known;
        if (!_inProgress.Add(name)) return null;
        try
        {
            var judgement = JudgeNameCore(name);
            _judged[name] = judgement;
            return judgement;
        }
        finally
        {
            _inProgress.Remove(name);
        }
    }

    private Judgement? JudgeNameCore(SimpleNameSyntax name)
    {
        if (IsNotAReference(name)) return null;
        var info = _model.GetSymbolInfo(name);
        var symbol = info.Symbol;
        var candidates = info.CandidateSymbols;
        var reason = info.CandidateReason;
        if (symbol is IAliasSymbol alias) symbol = alias.Target;
        if (symbol is IErrorTypeSymbol error)
        {
            (candidates, reason) = (error.CandidateSymbols, error.CandidateReason);
            symbol = null;
        }
        // The binder recovers from errors by guessing a type for a failed call (its only candidate's return
        // type); a member looked up on such a guess is not evidence of anything.
        if (MemberReceiverOf(name) is { } receiver && !IsTrustedReceiver(receiver))
            return JudgeMemberOf(name, receiver, SyntaxNames.InvocationOf(name) is not null ? "method" : "member");
        if (symbol is not null) return Bound(name, symbol);
        if (reason == CandidateReason.LateBound) return null; // dynamic
        if (candidates.Length > 0) return JudgeCandidates(name, candidates, reason);
        return JudgeUnresolved(name);
    }

    // Declarations, parts of names handled elsewhere, and contextual keywords that bind like names.
    private bool IsNotAReference(SimpleNameSyntax name)
    {
        // nameof(…) binds to nothing unless the snippet declares a method of that name; its argument is judged as usual.
        if (name.IsVar || name.IsNint || name.IsNuint || name.Identifier.ValueText is "nameof" or "dynamic" or "_" or "unmanaged" or "notnull")
            return true;
        return name.Parent switch
        {
            NameColonSyntax => true,                                     // judged with its argument
            NameEqualsSyntax { Parent: AnonymousObjectMemberDeclaratorSyntax } => true,
            NameEqualsSyntax { Parent: UsingDirectiveSyntax } => true,   // an alias being declared
            BaseObjectCreationExpressionSyntax => true,                   // judged as the constructor
            ExplicitInterfaceSpecifierSyntax => false,
            TypeParameterConstraintClauseSyntax c when c.Name == name => true,
            _ => false,
        } || (name.Parent is QualifiedNameSyntax { Parent: ObjectCreationExpressionSyntax oc } q && oc.Type == q && q.Right == name)
          || (name.Parent is GenericNameSyntax);
    }

    private Judgement? Bound(SimpleNameSyntax name, ISymbol symbol)
    {
        switch (symbol)
        {
            case INamespaceSymbol:
            case ILocalSymbol or IParameterSymbol or IRangeVariableSymbol or ILabelSymbol or ITypeParameterSymbol or IDiscardSymbol:
            case IDynamicTypeSymbol:
                return null;
        }
        if (SymbolWords.IsFromSource(symbol)) return null;
        if (symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } ctor && SyntaxNames.IsAttributeName(name))
            return Exists(name, ctor, "attribute");
        if (symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction }) return null;
        return Exists(name, symbol, SymbolWords.Kind(symbol));
    }

    private static Judgement Exists(SyntaxNode at, ISymbol symbol, string kind, string? name = null) =>
        new(LocationOf(at), name ?? NameOf(at), kind, Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", symbol);

    private Judgement? JudgeCandidates(SimpleNameSyntax name, IEnumerable<ISymbol> found, CandidateReason reason)
    {
        var candidates = found.Select(c => c is IAliasSymbol a ? a.Target : c).ToList();
        if (candidates.All(SymbolWords.IsFromSource) && reason != CandidateReason.OverloadResolutionFailure) return null;
        var receiver = ReceiverTypeOf(name);
        var first = candidates[0];
        string kind = SymbolWords.Kind(first);
        switch (reason)
        {
            case CandidateReason.OverloadResolutionFailure:
                {
                    var invocation = SyntaxNames.InvocationOf(name);
                    if (candidates.All(SymbolWords.IsFromSource)) return null;
                    return JudgeOverloads(name, kind, candidates, invocation?.ArgumentList, receiver);
                }
            case CandidateReason.WrongArity:
                return new Judgement(LocationOf(name), NameOf(name), kind, Verdict.NoOverload, Evidence.Bound, LookupTarget.Member,
                    $"'{NameOf(name)}' exists, but not with {SyntaxNames.Arity(name)} type argument(s)",
                    Symbol: candidates.Count == 1 ? first : null, Receiver: receiver, Candidates: candidates);
            case CandidateReason.Inaccessible:
                return new Judgement(LocationOf(name), NameOf(name), kind, Verdict.Missing, Evidence.Bound, LookupTarget.Member,
                    $"'{SymbolWords.Display(first)}' exists but is not accessible here ({first.DeclaredAccessibility.ToString().ToLowerInvariant()})",
                    Symbol: first, Receiver: receiver, Candidates: candidates);
            case CandidateReason.NotInvocable when SyntaxNames.InvocationOf(name) is not null:
                return new Judgement(LocationOf(name), NameOf(name), "method", Verdict.Missing, Evidence.Bound, LookupTarget.Member,
                    $"there is no method '{NameOf(name)}'; '{SymbolWords.Display(first)}' is a {kind}, not a method",
                    Symbol: first, Receiver: receiver, Candidates: candidates);
            case CandidateReason.Ambiguous:
                return new Judgement(LocationOf(name), NameOf(name), kind, Verdict.Unverifiable, Evidence.Bound, LookupTarget.Member,
                    $"'{NameOf(name)}' is ambiguous between {string.Join(" and ", candidates.Take(3).Select(c => $"'{SymbolWords.Display(c)}'"))}",
                    Receiver: receiver, Candidates: candidates);
            default:
                // It exists; the snippet uses it in a way the compiler rejects for other reasons (a method
                // group, static through an instance, a type where a value is expected): not an existence question.
                if (SymbolWords.IsFromSource(first)) return null;
                return new Judgement(LocationOf(name), NameOf(name), kind, Verdict.Exists, Evidence.Bound, LookupTarget.Member,
                    "exists", Symbol: candidates.Count == 1 ? first : candidates.FirstOrDefault(c => !SymbolWords.IsFromSource(c)));
        }
    }

    // Every candidate fails. Only a failure of shape (argument count, names, ref kinds) proves that the called
    // overload does not exist; a failure of types may come from the snippet's own unknowns.
    private Judgement JudgeOverloads(SyntaxNode at, string kind, IReadOnlyList<ISymbol> candidates, BaseArgumentListSyntax? arguments, ITypeSymbol? receiver)
    {
        var shape = ArgumentShape.Of(arguments);
        var parameterLists = candidates.Select(ArgumentShape.CallParameters).ToList();
        string name = NameOf(at);
        var fitting = candidates.Where((_, i) => shape.Fits(parameterLists[i])).ToList();
        if (fitting.Count > 0)
        {
            // Overloads of this shape exist. When some argument's type is unknown (an undeclared variable, a
            // lambda whose body has its own errors), that is why none was chosen: the member exists.
            if (arguments is not null && arguments.Arguments.Any(a => ArgumentIsUnknown(a.Expression)))
            {
                return new Judgement(LocationOf(at), name, kind, Verdict.Exists, Evidence.Bound, LookupTarget.Member,
                    "exists", Symbol: fitting.Count == 1 ? fitting[0] : null, Receiver: receiver, Candidates: candidates, ArgumentCount: shape.Count);
            }
            return new Judgement(LocationOf(at), name, kind, Verdict.Unverifiable, Evidence.Bound, LookupTarget.Member,
                $"'{name}' exists with an overload taking {shape.Count} argument(s), but none accepts these argument types",
                Symbol: fitting.Count == 1 ? fitting[0] : null, Receiver: receiver, Candidates: candidates, ArgumentCount: shape.Count);
        }
        if (shape.UnknownNames(parameterLists).Any())
        {
            // The named argument is what does not exist (judged on the argument); the member itself does.
            return new Judgement(LocationOf(at), name, kind, Verdict.Exists, Evidence.Bound, LookupTarget.Member,
                "exists", Symbol: candidates.Count == 1 ? candidates[0] : null, Receiver: receiver, Candidates: candidates, ArgumentCount: shape.Count);
        }
        return new Judgement(LocationOf(at), name, kind, Verdict.NoOverload, Evidence.Bound, LookupTarget.Member,
            $"no overload of '{name}' takes {shape.Count} argument(s){NamesPhrase(shape)}",
            Symbol: candidates.Count == 1 ? candidates[0] : null, Receiver: receiver, Candidates: candidates, ArgumentCount: shape.Count);
    }

    private static string NamesPhrase(ArgumentShape shape)
    {
        var names = shape.Arguments.Where(a => a.Name is not null).Select(a => a.Name).ToList();
        return names.Count == 0 ? "" : $" named {string.Join(", ", names)}";
    }

    private Judgement? JudgeUnresolved(SimpleNameSyntax name)
    {
        var text = name.Identifier.ValueText;
        bool invoked = SyntaxNames.InvocationOf(name) is not null;
        string memberKind = invoked ? "method" : "member";

        // In a using directive or a qualified name: a namespace or type inside a namespace or type.
        if (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name)
            return JudgeQualified(name, qualified.Left);
        if (name.Parent is AliasQualifiedNameSyntax) return null;

        // x.Name, x?.Name
        var receiverExpression = MemberReceiverOf(name);
        if (receiverExpression is not null)
            return JudgeMemberOf(name, receiverExpression, memberKind);

        // { Name = … } in an object initializer, [Attr(Name = …)] in an attribute.
        if (InitializedType(name) is { } initialized)
        {
            return initialized switch
            {
                IErrorTypeSymbol => Cascade(name, "member", "the object's type does not resolve"),
                _ when IsOpenSourceType(initialized) => null,
                _ => MissingMember(name, initialized, "member"),
            };
        }
        if (InitializedTypeIsBroken(name)) return Cascade(name, "member", "the object's type does not resolve");

        if (IsTypePosition(name))
            return JudgeMissingType(name);

        // An undeclared simple name in an expression.
        var enclosing = _model.GetEnclosingSymbol(name.SpanStart)?.ContainingType;
        bool scopeIsComplete = _form == SnippetForm.File && enclosing is not null && HasKnownBases(enclosing) && !IsPartial(enclosing);
        if (invoked)
        {
            if (scopeIsComplete)
                return MissingInScope(name, enclosing!, "method");
            if (_form == SnippetForm.File && enclosing is not null && !HasKnownBases(enclosing))
                return Cascade(name, "method", $"the base type of '{enclosing.Name}' does not resolve");
            // A fragment's own helper method, or a method of a base class it does not show.
            return NameLevel(name, "method", receiver: null);
        }
        if (scopeIsComplete)
            return MissingInScope(name, enclosing!, SyntaxNames.StartsUpper(text) ? "type or member" : "name");
        // A fragment's undeclared names are the context it was cut from; a capitalized one used as a receiver
        // (X.Member) reads as a type, and is judged by name: a type or member of that name somewhere in the
        // reference set makes it unverifiable, none at all makes it missing.
        if (SyntaxNames.StartsUpper(text) && IsReceiver(name))
            return TypeLikeNameLevel(name);
        return null;
    }

    private Judgement? JudgeQualified(SimpleNameSyntax name, NameSyntax left)
    {
        var leftSymbol = _model.GetSymbolInfo(left).Symbol;
        if (leftSymbol is IAliasSymbol alias) leftSymbol = alias.Target;
        if (leftSymbol is INamespaceSymbol ns)
        {
            if (!_bound.References.NamespaceExists(ns.ToDisplayString()) && !ns.IsGlobalNamespace)
                return null; // the snippet's own namespace
            bool inUsing = name.FirstAncestorOrSelf<UsingDirectiveSyntax>() is not null;
            string what = inUsing && name.Parent?.Parent is UsingDirectiveSyntax ? "namespace" : "type or namespace";
            return new Judgement(LocationOf(name), NameOf(name), what == "namespace" ? "namespace" : "type", Verdict.Missing, Evidence.Bound,
                what == "namespace" ? LookupTarget.Namespace : LookupTarget.Type,
                $"there is no {what} '{NameOf(name)}' in namespace '{ns.ToDisplayString()}'", Container: ns);
        }
        if (leftSymbol is INamedTypeSymbol type && type is not IErrorTypeSymbol)
        {
            if (IsOpenSourceType(type)) return null;
            return MissingMember(name, type, "type");
        }
        if (left is SimpleNameSyntax leftName && JudgeName(leftName) is { Verdict: not Verdict.Exists })
            return Cascade(name, "type", $"'{left}' does not resolve");
        if (left is QualifiedNameSyntax && leftSymbol is null)
            return Cascade(name, "type", $"'{left}' does not resolve");
        // The leftmost name of the snippet's own namespace (using MyApp.Models;), unknown to the reference set.
        return _form == SnippetForm.File
            ? new Judgement(LocationOf(name), NameOf(name), "namespace", Verdict.Missing, Evidence.Bound, LookupTarget.Namespace,
                $"there is no namespace '{left}.{NameOf(name)}' in the reference set")
            : null;
    }

    private Judgement? JudgeMemberOf(SimpleNameSyntax name, ExpressionSyntax receiverExpression, string memberKind)
    {
        var receiverSymbol = _model.GetSymbolInfo(receiverExpression).Symbol;
        if (receiverSymbol is IAliasSymbol alias) receiverSymbol = alias.Target;
        if (receiverSymbol is INamespaceSymbol ns)
        {
            if (!_bound.References.NamespaceExists(ns.ToDisplayString())) return null;
            return new Judgement(LocationOf(name), NameOf(name), "type", Verdict.Missing, Evidence.Bound, LookupTarget.Type,
                $"there is no type or namespace '{NameOf(name)}' in namespace '{ns.ToDisplayString()}'", Container: ns);
        }
        if (receiverSymbol is INamedTypeSymbol staticType && staticType is not IErrorTypeSymbol)
            return IsOpenSourceType(staticType) ? null : MissingMember(name, staticType, memberKind);
        var receiverType = TrustedType(receiverExpression);
        if (receiverType is not null)
        {
            if (receiverType.TypeKind == TypeKind.Dynamic) return null;
            if (receiverType is ITypeParameterSymbol)
                return Cascade(name, memberKind, "the receiver is a type parameter");
            return IsOpenSourceType(receiverType) ? null : MissingMember(name, receiverType, memberKind);
        }
        return OriginOf(receiverExpression) switch
        {
            Origin.Unknown => NameLevel(name, memberKind, receiverExpression),
            _ => Cascade(name, memberKind, $"the type of '{Shorten(receiverExpression)}' is not known"),
        };
    }

    private Judgement MissingMember(SimpleNameSyntax name, ITypeSymbol receiver, string memberKind)
    {
        // The binder may have looked the name up on a type it did not know (a var of a failed call whose
        // result the checker worked out): look again on the receiver's real type before calling it missing.
        var found = _model.LookupSymbols(name.SpanStart, receiver, name.Identifier.ValueText, includeReducedExtensionMethods: true);
        if (found.Length > 0)
        {
            return new Judgement(LocationOf(name), NameOf(name), SymbolWords.Kind(found[0]), Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists",
                Symbol: found.Length == 1 ? found[0] : null, Receiver: receiver);
        }
        var call = SyntaxNames.InvocationOf(name);
        return new Judgement(LocationOf(name), NameOf(name), memberKind, Verdict.Missing, Evidence.Bound, LookupTarget.Member,
            $"'{receiver.ToDisplayString(SymbolWords.TypeName)}' has no {(memberKind == "type" ? "nested type" : "member")} named '{NameOf(name)}'",
            Receiver: receiver, ArgumentCount: call?.ArgumentList.Arguments.Count);
    }

    private Judgement MissingInScope(SimpleNameSyntax name, INamedTypeSymbol? enclosing, string kind)
    {
        var libraryBase = enclosing?.BaseType is { } b && !SymbolWords.IsFromSource(b) && b.SpecialType != SpecialType.System_Object ? b : null;
        var where = libraryBase is not null ? $" (nor in its base type '{libraryBase.ToDisplayString(SymbolWords.TypeName)}')" : "";
        return new Judgement(LocationOf(name), NameOf(name), kind, Verdict.Missing, Evidence.Bound,
            kind == "method" ? LookupTarget.Member : LookupTarget.Type,
            $"the name '{NameOf(name)}' does not exist in this scope{where}",
            Receiver: libraryBase, ArgumentCount: SyntaxNames.InvocationOf(name)?.ArgumentList.Arguments.Count);
    }

    private static Judgement Cascade(SyntaxNode at, string kind, string why) =>
        new(LocationOf(at), NameOf(at), kind, Verdict.Unverifiable, Evidence.Unresolved, LookupTarget.Member, $"cannot verify: {why}");

    // A member of a receiver whose type the snippet never declares: some type of the reference set has a member
    // of that name → unverifiable; none has → missing by name. A property of that kind is missing only when
    // something says the receiver is a library object (it is what a library member returned, or its other members
    // are library members): an object of the snippet's own type can have any property.
    private Judgement NameLevel(SimpleNameSyntax name, string memberKind, ExpressionSyntax? receiver)
    {
        var text = name.Identifier.ValueText;
        var defining = Catalog.MembersNamed(text);
        if (defining.Count > 0)
        {
            var types = defining.Select(d => d.Member.DeclaringType).Distinct().ToList();
            return new Judgement(LocationOf(name), NameOf(name), memberKind, Verdict.Unverifiable, Evidence.NameLevel, LookupTarget.Member,
                $"cannot verify: the receiver's type is unknown; {Plural(types.Count, "type")} of the reference set define '{text}' (e.g. {string.Join(", ", types.Take(3))})");
        }
        // A method no type of the reference set has is missing by name (the design's rule for unknown receivers);
        // a property may be the snippet's own data (a DbContext's DbSet), so it needs evidence of a library object.
        bool invoked = SyntaxNames.InvocationOf(name) is not null;
        if (DeclaredInSnippet(text) || receiver is null || (!invoked && !HasLibraryEvidence(receiver)))
        {
            return new Judgement(LocationOf(name), NameOf(name), memberKind, Verdict.Unverifiable, Evidence.NameLevel, LookupTarget.Member,
                $"cannot verify: no type of the reference set has a member named '{text}', but the receiver may be the snippet's own object");
        }
        return new Judgement(LocationOf(name), NameOf(name), memberKind, Verdict.Missing, Evidence.NameLevel, LookupTarget.Member,
            $"no type of the reference set has a member named '{text}' (the receiver's type is unknown, so only the name was checked)",
            ArgumentCount: SyntaxNames.InvocationOf(name)?.ArgumentList.Arguments.Count);
    }

    private Judgement TypeLikeNameLevel(SimpleNameSyntax name)
    {
        var text = name.Identifier.ValueText;
        if (_bound.AmbiguousTypes.TryGetValue(text, out var namespaces))
            return Ambiguous(name, namespaces);
        // Without knowledge of other versions and packages (the index), an unknown capitalized name may as well
        // be the snippet's own type or property: the index decides (see FindingBuilder).
        var elsewhere = Catalog.HasType(text) || Catalog.HasMember(text) ? "; the reference set has a type or member of that name elsewhere" : "";
        return new Judgement(LocationOf(name), NameOf(name), "type", Verdict.Unverifiable, Evidence.NameLevel, LookupTarget.Type,
            $"cannot verify: '{text}' is not declared in the snippet and is no type of the reference set{elsewhere}; it may be the snippet's own");
    }

    private Judgement? JudgeMissingType(SimpleNameSyntax name)
    {
        var text = name.Identifier.ValueText;
        if (_bound.AmbiguousTypes.TryGetValue(text, out var namespaces))
            return Ambiguous(name, namespaces);
        if (DeclaredInSnippet(text)) return null;
        if (_form == SnippetForm.File)
        {
            return new Judgement(LocationOf(name), NameOf(name), "type", Verdict.Missing, Evidence.Bound, LookupTarget.Type,
                $"there is no type named '{TypeNameAsWritten(name)}' in the reference set");
        }
        // A fragment may use its own types without showing them (Order, InvoiceRow): an unknown type name proves
        // nothing, unless the snippet gives a variable (or a method's result) of that type a library value: the
        // snippet's own type cannot hold one, so the name stands for a library type the reference set lacks.
        if (LibraryValueFor(name) is { } value)
        {
            return new Judgement(LocationOf(name), NameOf(name), "type", Verdict.Missing, Evidence.NameLevel, LookupTarget.Type,
                $"there is no type named '{TypeNameAsWritten(name)}' in the reference set; the snippet gives it {value}");
        }
        return new Judgement(LocationOf(name), NameOf(name), "type", Verdict.Unverifiable, Evidence.NameLevel, LookupTarget.Type,
            $"cannot verify: no type named '{TypeNameAsWritten(name)}' in the reference set; it may be the snippet's own type");
    }

    // The library value a declaration of this type receives: `X x = libraryCall();`, `X M() => libraryCall();`.
    // Null when there is none, or when it is the snippet's own type already (a generic call returning T).
    private string? LibraryValueFor(SimpleNameSyntax name)
    {
        SyntaxNode typeNode = name;
        while (typeNode.Parent is NullableTypeSyntax || (typeNode.Parent is QualifiedNameSyntax q && q.Right == typeNode)) typeNode = typeNode.Parent!;
        var values = typeNode.Parent switch
        {
            VariableDeclarationSyntax declaration when declaration.Type == typeNode =>
                declaration.Variables.Select(v => v.Initializer?.Value).OfType<ExpressionSyntax>().ToList(),
            MethodDeclarationSyntax method when method.ReturnType == typeNode && !method.Modifiers.Any(SyntaxKind.AsyncKeyword) => ReturnedValues(method.ExpressionBody, method.Body),
            LocalFunctionStatementSyntax local when local.ReturnType == typeNode && !local.Modifiers.Any(SyntaxKind.AsyncKeyword) => ReturnedValues(local.ExpressionBody, local.Body),
            PropertyDeclarationSyntax property when property.Type == typeNode => ReturnedValues(property.ExpressionBody, null),
            _ => [],
        };
        foreach (var value in values)
        {
            if (DescribeLibraryValue(value) is { } described) return described;
        }
        return null;
    }

    private static List<ExpressionSyntax> ReturnedValues(ArrowExpressionClauseSyntax? arrow, BlockSyntax? body) =>
        arrow is not null ? [arrow.Expression]
        : body?.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<ReturnStatementSyntax>().Select(r => r.Expression).OfType<ExpressionSyntax>().ToList() ?? [];

    private string? DescribeLibraryValue(ExpressionSyntax value)
    {
        while (value is AwaitExpressionSyntax or ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
        {
            value = value switch
            {
                AwaitExpressionSyntax a => a.Expression,
                ParenthesizedExpressionSyntax p => p.Expression,
                PostfixUnaryExpressionSyntax u => u.Operand,
                _ => value,
            };
        }
        if (value is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax)) return null;
        var type = TrustedType(value);
        if (type is not null)
        {
            // The snippet's own type cannot hold a library object: no conversion leads from a library type (or
            // from an interface) to it. Type arguments may be the snippet's own (IQueryable<Ticket>).
            if (SymbolWords.IsFromSource(type) || type is ITypeParameterSymbol || type.OriginalDefinition is IErrorTypeSymbol
                || type.SpecialType == SpecialType.System_Object || type.TypeKind is TypeKind.Dynamic or TypeKind.Error)
                return null;
            return $"a value of type '{type.ToDisplayString(SymbolWords.TypeName)}'";
        }
        // A member the library object lacks (drift: the member and the type come from another version).
        var callee = value switch
        {
            InvocationExpressionSyntax inv => CalleeName(inv),
            MemberAccessExpressionSyntax ma => ma.Name,
            _ => null,
        };
        return callee is not null && JudgeName(callee) is { Verdict: Verdict.Missing, Evidence: Evidence.Bound, Receiver: { } receiver } && !SymbolWords.IsFromSource(receiver)
            ? $"the result of '{receiver.Name}.{callee.Identifier.ValueText}', which the reference set also lacks"
            : null;
    }

    private static Judgement Ambiguous(SimpleNameSyntax name, IReadOnlyList<string> namespaces) =>
        new(LocationOf(name), NameOf(name), "type", Verdict.Unverifiable, Evidence.NameLevel, LookupTarget.Type,
            $"cannot verify: '{name.Identifier.ValueText}' is defined in several namespaces ({string.Join(", ", namespaces)}) and the snippet imports none of them");

    private static string TypeNameAsWritten(SimpleNameSyntax name) =>
        name is GenericNameSyntax g ? $"{g.Identifier.ValueText}<{new string(',', g.TypeArgumentList.Arguments.Count - 1)}>" : name.Identifier.ValueText;

    // ---------------------------------------------------------------- other references

    private Judgement? JudgeCreation(BaseObjectCreationExpressionSyntax creation)
    {
        SyntaxNode at = creation is ObjectCreationExpressionSyntax oc ? RightmostName(oc.Type) : creation.NewKeyword.Parent!;
        var type = _model.GetTypeInfo(creation).Type;
        if (creation is ObjectCreationExpressionSyntax explicitCreation)
        {
            var typeName = RightmostName(explicitCreation.Type);
            if (type is null or IErrorTypeSymbol || type.TypeKind == TypeKind.Error)
            {
                if (typeName is SimpleNameSyntax simple)
                {
                    var typeInfo = _model.GetSymbolInfo(simple);
                    if (typeInfo.CandidateSymbols.Length > 0) return JudgeCandidates(simple, typeInfo.CandidateSymbols, typeInfo.CandidateReason);
                    if (simple.Parent is QualifiedNameSyntax q && q.Right == simple) return JudgeQualified(simple, q.Left);
                    return JudgeMissingType(simple);
                }
                return null;
            }
        }
        if (type is null or IErrorTypeSymbol) return null;
        if (SymbolWords.IsFromSource(type) || type.TypeKind == TypeKind.TypeParameter) return null;
        string name = creation is ObjectCreationExpressionSyntax ? NameOf(at) : "new";
        var location = creation is ObjectCreationExpressionSyntax ? LocationOf(at) : creation.NewKeyword.GetLocation();
        var info = _model.GetSymbolInfo(creation);
        if (info.Symbol is IMethodSymbol ctor)
            return new Judgement(location, name, "constructor", Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", ctor);
        if (type.TypeKind is TypeKind.Delegate or TypeKind.Array) return null;
        var candidates = info.CandidateSymbols.Length > 0
            ? info.CandidateSymbols.ToList()
            : (type as INamedTypeSymbol)?.InstanceConstructors.Cast<ISymbol>().ToList() ?? [];
        var shape = ArgumentShape.Of(creation.ArgumentList);
        if (candidates.Count == 0 || info.CandidateReason == CandidateReason.NotCreatable || type.IsAbstract)
        {
            return new Judgement(location, name, "constructor", Verdict.Missing, Evidence.Bound, LookupTarget.Member,
                $"'{type.ToDisplayString(SymbolWords.TypeName)}' cannot be created with new (no accessible constructor, or it is abstract, static or an interface)",
                Receiver: type, ArgumentCount: shape.Count);
        }
        if (info.CandidateReason == CandidateReason.Inaccessible)
        {
            return new Judgement(location, name, "constructor", Verdict.Missing, Evidence.Bound, LookupTarget.Member,
                $"the constructor of '{type.ToDisplayString(SymbolWords.TypeName)}' is not accessible here", Symbol: candidates[0], Receiver: type,
                Candidates: candidates, ArgumentCount: shape.Count);
        }
        var judged = JudgeOverloads(at, "constructor", candidates, creation.ArgumentList, type);
        return judged with { Location = location, Name = name };
    }

    private Judgement? JudgeNamedArgument(ArgumentSyntax argument)
    {
        var nameNode = argument.NameColon!.Name;
        var argName = nameNode.Identifier.ValueText;
        var owner = argument.Parent?.Parent;
        if (owner is null or TupleExpressionSyntax) return null;
        var parameter = _model.GetSymbolInfo(nameNode).Symbol as IParameterSymbol;
        if (parameter is not null)
        {
            var method = parameter.ContainingSymbol;
            if (method is null || SymbolWords.IsFromSource(method)) return null;
            return new Judgement(nameNode.GetLocation(), argName, "named argument", Verdict.Exists, Evidence.Bound, LookupTarget.Parameter, "exists", method);
        }
        var calleeInfo = owner switch
        {
            InvocationExpressionSyntax inv => _model.GetSymbolInfo(inv),
            BaseObjectCreationExpressionSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax => _model.GetSymbolInfo(owner),
            ElementAccessExpressionSyntax ea => _model.GetSymbolInfo(ea),
            _ => default,
        };
        var candidates = calleeInfo.Symbol is not null ? [calleeInfo.Symbol] : calleeInfo.CandidateSymbols.ToList();
        if (candidates.Count > 0)
        {
            if (candidates.All(SymbolWords.IsFromSource)) return null;
            var lists = candidates.Select(ArgumentShape.CallParameters).ToList();
            if (lists.All(ps => ps.All(p => p.Name != argName)))
            {
                var callee = candidates[0];
                var shownName = callee is IMethodSymbol { MethodKind: MethodKind.Constructor } ? $"new {callee.ContainingType.Name}(…)" : callee.Name;
                return new Judgement(nameNode.GetLocation(), argName, "named argument", Verdict.NoOverload, Evidence.Bound, LookupTarget.Parameter,
                    $"no overload of '{shownName}' has a parameter named '{argName}'",
                    Symbol: candidates.Count == 1 ? callee : null, Candidates: candidates,
                    Receiver: callee.ContainingType);
            }
            return null;
        }
        // The callee does not resolve: when its receiver is unknown, compare with every method of that name.
        if (owner is InvocationExpressionSyntax call && CalleeName(call) is { } calleeName
            && JudgeName(calleeName) is { Evidence: Evidence.NameLevel, Verdict: Verdict.Unverifiable })
        {
            var methods = Catalog.MembersNamed(calleeName.Identifier.ValueText).Where(m => m.Member.IsMethod).ToList();
            if (methods.Count > 0 && Catalog.MethodParameterNames(calleeName.Identifier.ValueText).All(names => !names.Contains(argName)))
            {
                return new Judgement(nameNode.GetLocation(), argName, "named argument", Verdict.NoOverload, Evidence.NameLevel, LookupTarget.Parameter,
                    $"no method named '{calleeName.Identifier.ValueText}' in the reference set has a parameter named '{argName}' (the receiver's type is unknown)");
            }
        }
        return null;
    }

    private Judgement? JudgeIndexer(ExpressionSyntax access, SyntaxToken bracket)
    {
        if (_model.GetSymbolInfo(access).Symbol is IPropertySymbol { IsIndexer: true } indexer && !SymbolWords.IsFromSource(indexer))
            return new Judgement(bracket.GetLocation(), "this[]", "indexer", Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", indexer);
        return null;
    }

    private Judgement? JudgeOperator(ExpressionSyntax expression)
    {
        if (_model.GetSymbolInfo(expression).Symbol is not IMethodSymbol { MethodKind: MethodKind.UserDefinedOperator } op || SymbolWords.IsFromSource(op))
            return null;
        var token = expression switch
        {
            BinaryExpressionSyntax b => b.OperatorToken,
            PrefixUnaryExpressionSyntax p => p.OperatorToken,
            PostfixUnaryExpressionSyntax p => p.OperatorToken,
            AssignmentExpressionSyntax a => a.OperatorToken,
            _ => default,
        };
        return new Judgement(token.GetLocation(), token.Text, "operator", Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", op);
    }

    private Judgement? JudgeConversion(CastExpressionSyntax cast)
    {
        var conversion = _model.GetConversion(cast);
        if (!conversion.IsUserDefined || conversion.MethodSymbol is not { } method || SymbolWords.IsFromSource(method)) return null;
        return new Judgement(cast.OpenParenToken.GetLocation(), "(" + cast.Type + ")", "conversion", Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", method);
    }

    private Judgement? JudgeQueryClause(SyntaxNode clause)
    {
        ISymbol? symbol = clause switch
        {
            SelectOrGroupClauseSyntax s => _model.GetSymbolInfo(s).Symbol,
            OrderingSyntax o => _model.GetSymbolInfo(o).Symbol,
            QueryClauseSyntax q => _model.GetQueryClauseInfo(q).OperationInfo.Symbol,
            _ => null,
        };
        if (symbol is null || SymbolWords.IsFromSource(symbol)) return null;
        var keyword = clause.GetFirstToken();
        return new Judgement(keyword.GetLocation(), keyword.Text, "query operator", Verdict.Exists, Evidence.Bound, LookupTarget.Member, "exists", symbol);
    }

    // ---------------------------------------------------------------- origins of receivers

    private Origin OriginOf(ExpressionSyntax expression)
    {
        if (_origins.TryGetValue(expression, out var known)) return known;
        _origins[expression] = Origin.Broken; // cycles (var x = x.y) end as broken
        var origin = TrustedType(expression) is not null ? Origin.Known : OriginCore(expression);
        _origins[expression] = origin;
        return origin;
    }

    private Origin OriginCore(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax p: return OriginOf(p.Expression);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang: return OriginOf(bang.Operand);
            case AwaitExpressionSyntax a: return OriginOf(a.Expression);
            case InvocationExpressionSyntax inv:
                // A generic call with a type argument the reference set does not know (QueryAsync<Order>) most
                // likely returns that type: the snippet's own, whose members are anybody's guess.
                if (CalleeName(inv) is GenericNameSyntax g && g.TypeArgumentList.Arguments.Any(IsUnresolvedType) && ReturnsTypeArgument(g)) return Origin.Broken;
                return OriginOf(inv.Expression);
            case MemberAccessExpressionSyntax ma: return MemberOrigin(ma.Name);
            case MemberBindingExpressionSyntax mb: return MemberOrigin(mb.Name);
            case ConditionalAccessExpressionSyntax ca: return OriginOf(ca.WhenNotNull);
            case ElementAccessExpressionSyntax ea: return OriginOf(ea.Expression) == Origin.Unknown ? Origin.Unknown : Origin.Broken;
            case IdentifierNameSyntax id: return IdentifierOrigin(id);
            case GenericNameSyntax gn when SyntaxNames.InvocationOf(gn) is not null:
                return InvokedNameOrigin(gn);
            default: return Origin.Broken;
        }
    }

    // The result of a member of an unknown receiver is unknown too, unless the member was found missing
    // (nothing can be said about what a missing member returns).
    private Origin MemberOrigin(SimpleNameSyntax name) =>
        JudgeName(name) is { Evidence: Evidence.NameLevel, Verdict: Verdict.Unverifiable } ? Origin.Unknown : Origin.Broken;

    // An undeclared method called by simple name: a library base class's method (unknown result) if the
    // reference set has a member of that name, else the snippet's own helper.
    private Origin InvokedNameOrigin(SimpleNameSyntax name) =>
        JudgeName(name) is { Evidence: Evidence.NameLevel, Verdict: Verdict.Unverifiable } && Catalog.HasMember(name.Identifier.ValueText)
            ? Origin.Unknown : Origin.Broken;

    private Origin IdentifierOrigin(IdentifierNameSyntax id)
    {
        var info = _model.GetSymbolInfo(id);
        var symbol = info.Symbol;
        if (symbol is null)
        {
            if (info.CandidateSymbols.Length > 0) return Origin.Broken;
            if (SyntaxNames.InvocationOf(id) is not null) return InvokedNameOrigin(id);
            // An undeclared variable is the snippet's context, unless it was itself judged (a type-like name).
            return JudgeName(id) is null && _form != SnippetForm.File ? Origin.Unknown : Origin.Broken;
        }
        if (symbol is ILocalSymbol or IFieldSymbol)
        {
            switch (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax())
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Type.IsVar: true } }:
                    return OriginOf(value);
                case ForEachStatementSyntax { Type.IsVar: true } forEach:
                    return OriginOf(forEach.Expression) == Origin.Unknown ? Origin.Unknown : Origin.Broken;
                default:
                    return Origin.Broken;
            }
        }
        return Origin.Broken;
    }

    // Is the receiver (an expression of unknown type) a library object? It is when a library member (one the
    // reference set has) produced it, or when it is an undeclared variable whose other members are library members.
    private bool HasLibraryEvidence(ExpressionSyntax receiver)
    {
        switch (receiver)
        {
            case ParenthesizedExpressionSyntax p: return HasLibraryEvidence(p.Expression);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang: return HasLibraryEvidence(bang.Operand);
            case AwaitExpressionSyntax a: return HasLibraryEvidence(a.Expression);
            case InvocationExpressionSyntax inv: return HasLibraryEvidence(inv.Expression);
            case ConditionalAccessExpressionSyntax ca: return HasLibraryEvidence(ca.WhenNotNull);
            case MemberAccessExpressionSyntax ma: return Catalog.HasMember(ma.Name.Identifier.ValueText) && MemberOrigin(ma.Name) == Origin.Unknown;
            case MemberBindingExpressionSyntax mb: return Catalog.HasMember(mb.Name.Identifier.ValueText) && MemberOrigin(mb.Name) == Origin.Unknown;
            case SimpleNameSyntax name:
                {
                    var symbol = _model.GetSymbolInfo(name).Symbol;
                    if (symbol is null)
                        return SyntaxNames.InvocationOf(name) is not null ? Catalog.HasMember(name.Identifier.ValueText) : MembersSuggestLibrary(name.Identifier.ValueText);
                    if (symbol is ILocalSymbol or IFieldSymbol
                        && symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Type.IsVar: true } })
                        return HasLibraryEvidence(value);
                    return false;
                }
            default:
                return false;
        }
    }

    // The members the snippet uses on an undeclared variable: when the reference set has most of them (or an
    // interface of it declares those it has), the variable holds a library object and the others are missing.
    private bool MembersSuggestLibrary(string variable)
    {
        if (_variableEvidence.TryGetValue(variable, out var known)) return known;
        var names = _bound.Snippet.Tree.GetRoot().DescendantNodes()
            .Select(n => n switch
            {
                MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax id } ma when id.Identifier.ValueText == variable => ma.Name.Identifier.ValueText,
                ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax id, WhenNotNull: MemberBindingExpressionSyntax mb } when id.Identifier.ValueText == variable => mb.Name.Identifier.ValueText,
                ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax id, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax mb } } when id.Identifier.ValueText == variable => mb.Name.Identifier.ValueText,
                _ => null,
            })
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var present = names.Where(Catalog.HasMember).ToList();
        int absent = names.Count - present.Count;
        bool library = present.Count > 0 && (present.Count >= absent || DeclaredByOneInterface(present)) || NamedAfterLibraryType(variable);
        _variableEvidence[variable] = library;
        return library;
    }

    // logger, _mapper, clock: a variable named exactly after a type of the reference set (ILogger, IMapper, IClock).
    private bool NamedAfterLibraryType(string variable)
    {
        var bare = variable.TrimStart('_');
        if (bare.Length < 3 || !char.IsLower(bare[0])) return false;
        var typeName = char.ToUpperInvariant(bare[0]) + bare[1..];
        return (Catalog.TypesNamed(typeName).Count > 0 || Catalog.TypesNamed("I" + typeName).Count > 0) && !DeclaredInSnippet(typeName);
    }

    private bool DeclaredByOneInterface(IReadOnlyList<string> members)
    {
        var declaring = members.Select(m => Catalog.MembersNamed(m).Where(x => x.Member.DeclaringTypeIsInterface).Select(x => x.Member.DeclaringType).ToHashSet()).ToList();
        var common = declaring[0];
        foreach (var set in declaring.Skip(1)) common.IntersectWith(set);
        return common.Count > 0;
    }

    // ---------------------------------------------------------------- trusted types

    private bool IsTrustedReceiver(ExpressionSyntax receiver)
    {
        var symbol = _model.GetSymbolInfo(receiver).Symbol;
        if (symbol is IAliasSymbol or INamespaceSymbol or INamedTypeSymbol) return true;
        return TrustedType(receiver) is not null;
    }

    private static ExpressionSyntax? MemberReceiverOf(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax ma when ma.Name == name => ma.Expression,
        MemberBindingExpressionSyntax mb => mb.FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>(c => c.WhenNotNull.Span.Contains(mb.Span))?.Expression,
        _ => null,
    };

    /// <summary>
    /// The type of an expression when the binder really knows it: every call and member on the way resolved.
    /// (After a failed call the binder still reports a type, guessed from the candidates, which is no evidence.)
    /// </summary>
    private ITypeSymbol? TrustedType(ExpressionSyntax expression)
    {
        if (_trusted.TryGetValue(expression, out var known)) return known;
        _trusted[expression] = null;
        var type = TrustedTypeCore(expression);
        _trusted[expression] = type;
        return type;
    }

    private ITypeSymbol? TrustedTypeCore(ExpressionSyntax expression)
    {
        ITypeSymbol? TypeOf(ExpressionSyntax e) => _model.GetTypeInfo(e).Type is { } t && t is not IErrorTypeSymbol && t.TypeKind != TypeKind.Error ? t : null;
        switch (expression)
        {
            case ParenthesizedExpressionSyntax p: return TrustedType(p.Expression) is null ? null : TypeOf(p);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } bang:
                return TrustedType(bang.Operand) is null ? null : TypeOf(bang);
            case AwaitExpressionSyntax a: return TrustedType(a.Expression) is null ? null : TypeOf(a);
            case InvocationExpressionSyntax inv:
                if (!CalleeIsTrusted(inv.Expression)) return null;
                return _model.GetSymbolInfo(inv).Symbol is null ? AgreedReturnType(inv) : TypeOf(inv);
            case MemberAccessExpressionSyntax ma:
                if (_model.GetSymbolInfo(ma).Symbol is null) return null;
                return IsTrustedReceiver(ma.Expression) ? TypeOf(ma) : null;
            case ConditionalAccessExpressionSyntax ca:
                if (TrustedType(ca.Expression) is null) return null;
                return WhenNotNullResolves(ca.WhenNotNull) ? TypeOf(ca) : null;
            case ElementAccessExpressionSyntax ea:
                if (TrustedType(ea.Expression) is not { } target) return null;
                return target.TypeKind == TypeKind.Array || _model.GetSymbolInfo(ea).Symbol is not null ? TypeOf(ea) : null;
            case SimpleNameSyntax name:
                {
                    var symbol = _model.GetSymbolInfo(name).Symbol;
                    switch (symbol)
                    {
                        case null: return null;
                        case ILocalSymbol or IFieldSymbol { DeclaringSyntaxReferences.Length: > 0 }:
                            switch (symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax())
                            {
                                case VariableDeclaratorSyntax { Initializer.Value: { } value, Parent: VariableDeclarationSyntax { Type.IsVar: true } }:
                                    return TrustedType(value) is { } initial ? TypeOf(name) ?? initial : null;
                                case ForEachStatementSyntax { Type.IsVar: true } forEach:
                                    return TrustedType(forEach.Expression) is null ? null : TypeOf(name);
                                case SingleVariableDesignationSyntax { Parent: DeclarationExpressionSyntax { Type.IsVar: true, Parent: ArgumentSyntax { Parent.Parent: { } call } } }:
                                    return _model.GetSymbolInfo(call).Symbol is null ? null : TypeOf(name);
                                default:
                                    return TypeOf(name);
                            }
                        case IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } } parameter:
                            return LambdaIsBound(parameter) ? TypeOf(name) : null;
                        case IMethodSymbol:
                            return TypeOf(name);
                        default:
                            return TypeOf(name);
                    }
                }
            default:
                return TypeOf(expression);
        }
    }

    // A call that failed only for its arguments (an undeclared variable, a missing member passed in) still has
    // a known result when every overload that could take that many arguments returns the same type.
    private ITypeSymbol? AgreedReturnType(InvocationExpressionSyntax call)
    {
        var info = _model.GetSymbolInfo(call);
        if (info.CandidateReason != CandidateReason.OverloadResolutionFailure) return null;
        var shape = ArgumentShape.Of(call.ArgumentList);
        var returns = info.CandidateSymbols.OfType<IMethodSymbol>().Where(m => shape.Fits(m.Parameters)).Select(m => m.ReturnType).ToList();
        if (returns.Count == 0 || returns.Any(r => ContainsTypeParameter(r) || ContainsErrorType(r))) return null;
        return returns.All(r => SymbolEqualityComparer.Default.Equals(r, returns[0])) ? returns[0] : null;
    }

    private bool CalleeIsTrusted(ExpressionSyntax callee) => callee switch
    {
        MemberAccessExpressionSyntax ma => IsTrustedReceiver(ma.Expression),
        _ => true,
    };

    private bool WhenNotNullResolves(ExpressionSyntax whenNotNull) => whenNotNull switch
    {
        MemberBindingExpressionSyntax mb => _model.GetSymbolInfo(mb).Symbol is not null,
        InvocationExpressionSyntax inv => _model.GetSymbolInfo(inv).Symbol is not null && WhenNotNullResolves(inv.Expression),
        MemberAccessExpressionSyntax ma => _model.GetSymbolInfo(ma).Symbol is not null && WhenNotNullResolves(ma.Expression),
        ElementBindingExpressionSyntax eb => _model.GetSymbolInfo(eb).Symbol is not null || true,
        ConditionalAccessExpressionSyntax inner => WhenNotNullResolves(inner.Expression) && WhenNotNullResolves(inner.WhenNotNull),
        _ => _model.GetTypeInfo(whenNotNull).Type is { TypeKind: not TypeKind.Error },
    };

    // An implicitly typed lambda parameter has a real type when the call the lambda is passed to resolved, or,
    // when it failed (often because of the lambda's own body), when every overload that could take the
    // arguments gives that parameter the same type.
    private bool LambdaIsBound(IParameterSymbol parameter)
    {
        var lambda = parameter.ContainingSymbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        if (lambda is ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: var ps } && ps.Any(p => p.Type is not null))
            return true;
        SyntaxNode? argument = lambda?.Parent;
        while (argument is ParenthesizedExpressionSyntax or CastExpressionSyntax) argument = argument.Parent;
        if (argument is not ArgumentSyntax { Parent: BaseArgumentListSyntax list } arg || list.Parent is not { } call)
            return lambda?.Parent is EqualsValueClauseSyntax or AssignmentExpressionSyntax or ReturnStatementSyntax or ArrowExpressionClauseSyntax;
        if (call is InvocationExpressionSyntax inv && !CalleeIsTrusted(inv.Expression)) return false;
        var info = _model.GetSymbolInfo(call);
        if (info.Symbol is not null) return true;
        var shape = ArgumentShape.Of(list);
        int position = list.Arguments.IndexOf(arg);
        var types = new List<ITypeSymbol>();
        foreach (var candidate in info.CandidateSymbols)
        {
            var parameters = ArgumentShape.CallParameters(candidate);
            if (!shape.Fits(parameters)) continue;
            var target = arg.NameColon is { } nc ? parameters.FirstOrDefault(p => p.Name == nc.Name.Identifier.ValueText)
                : position < parameters.Count ? parameters[position] : parameters.LastOrDefault(p => p.IsParams);
            var delegateType = target?.Type as INamedTypeSymbol;
            if (delegateType is { Name: "Expression", TypeArguments: [INamedTypeSymbol inner] }) delegateType = inner;
            var invoke = delegateType?.DelegateInvokeMethod;
            if (invoke is null || parameter.Ordinal >= invoke.Parameters.Length) return false;
            var type = invoke.Parameters[parameter.Ordinal].Type;
            if (ContainsTypeParameter(type)) return false;
            types.Add(type);
        }
        return types.Count > 0 && types.All(t => SymbolEqualityComparer.Default.Equals(t, parameter.Type));
    }

    private static bool ContainsTypeParameter(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsTypeParameter),
        IArrayTypeSymbol array => ContainsTypeParameter(array.ElementType),
        _ => false,
    };

    // Does every library method of this name and arity return one of its own type arguments (T, Task<T>)?
    // Then a call with the snippet's own type as argument returns an object of the snippet's own type.
    private bool ReturnsTypeArgument(GenericNameSyntax name)
    {
        int arity = name.TypeArgumentList.Arguments.Count;
        var methods = Catalog.MembersNamed(name.Identifier.ValueText)
            .Where(m => m.Member.IsMethod)
            .Select(m => m.Member.DeclaringMetadataName).Distinct()
            .SelectMany(t => _bound.Compilation.GetTypesByMetadataName(t))
            .SelectMany(t => t.GetMembers(name.Identifier.ValueText).OfType<IMethodSymbol>())
            .Where(m => m.Arity == arity)
            .ToList();
        if (methods.Count == 0) return true;
        return methods.All(m => Unwrapped(m.ReturnType) is ITypeParameterSymbol);
    }

    private static ITypeSymbol Unwrapped(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "Task" or "ValueTask", TypeArguments: [var result] } ? result : type;

    private bool ArgumentIsUnknown(ExpressionSyntax argument) => argument switch
    {
        AnonymousFunctionExpressionSyntax => true,
        DeclarationExpressionSyntax => true,
        _ => TrustedType(argument) is null && _model.GetTypeInfo(argument).Type is null or IErrorTypeSymbol or { TypeKind: TypeKind.Error }
            || _model.GetTypeInfo(argument).Type is INamedTypeSymbol named && ContainsErrorType(named),
    };

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        _ => false,
    };

    private bool IsUnresolvedType(TypeSyntax type)
    {
        var t = _model.GetTypeInfo(type).Type;
        return t is null or IErrorTypeSymbol || t.TypeKind == TypeKind.Error;
    }

    // ---------------------------------------------------------------- helpers

    private static SimpleNameSyntax? CalleeName(InvocationExpressionSyntax call) => call.Expression switch
    {
        SimpleNameSyntax s => s,
        MemberAccessExpressionSyntax ma => ma.Name,
        MemberBindingExpressionSyntax mb => mb.Name,
        _ => null,
    };

    private ITypeSymbol? ReceiverTypeOf(SimpleNameSyntax name)
    {
        ExpressionSyntax? receiver = name.Parent switch
        {
            MemberAccessExpressionSyntax ma when ma.Name == name => ma.Expression,
            QualifiedNameSyntax q when q.Right == name => q.Left,
            _ => null,
        };
        if (receiver is null) return InitializedType(name) ?? _model.GetEnclosingSymbol(name.SpanStart)?.ContainingType;
        var symbol = _model.GetSymbolInfo(receiver).Symbol;
        if (symbol is ITypeSymbol t) return t;
        return _model.GetTypeInfo(receiver).Type;
    }

    // The type whose member a name in an object initializer or attribute argument assigns.
    private ITypeSymbol? InitializedType(SimpleNameSyntax name)
    {
        if (name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax init } assignment && assignment.Left == name
            && init.IsKind(SyntaxKind.ObjectInitializerExpression) || name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.WithInitializerExpression } })
        {
            var initializer = (InitializerExpressionSyntax)name.Parent!.Parent!;
            var owner = initializer.Parent;
            var type = owner switch
            {
                AssignmentExpressionSyntax nested => _model.GetTypeInfo(nested.Left).Type,
                _ when owner is ExpressionSyntax e => _model.GetTypeInfo(e).Type,
                _ => null,
            };
            return type is null or IErrorTypeSymbol ? (type is IErrorTypeSymbol ? type : null) : type;
        }
        if (name.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax { Parent.Parent: AttributeSyntax attribute } })
        {
            var type = _model.GetTypeInfo(attribute).Type;
            return type;
        }
        return null;
    }

    private bool InitializedTypeIsBroken(SimpleNameSyntax name) =>
        name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } } a && a.Left == name;

    private static bool IsTypePosition(SimpleNameSyntax name) =>
        SyntaxFacts.IsInTypeOnlyContext(name) || name.Parent is TypeArgumentListSyntax or TypeOfExpressionSyntax
        || name.Parent is QualifiedNameSyntax q && q.Left == name;

    private bool IsReceiver(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax ma && ma.Expression == name
        || name.Parent is ConditionalAccessExpressionSyntax ca && ca.Expression == name;

    private bool DeclaredInSnippet(string name) =>
        _bound.Compilation.GetSymbolsWithName(name, SymbolFilter.TypeAndMember).Any(s => s.Locations.Any(l => l.SourceTree == _bound.Snippet.Tree));

    private static bool HasKnownBases(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t is IErrorTypeSymbol || t.TypeKind == TypeKind.Error) return false;
        }
        return type.AllInterfaces.All(i => i is not IErrorTypeSymbol);
    }

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));

    // The snippet's own type that may have members the checker cannot see: a partial type (a source
    // generator may add members), a type with an unresolved base, or any own type of a fragment (the rest of
    // it may not be shown). Lookups on it are not API references.
    private bool IsOpenSourceType(ITypeSymbol type)
    {
        if (!SymbolWords.IsFromSource(type)) return false;
        if (type is not INamedTypeSymbol named) return true;
        if (IsPartial(named) || !HasKnownBases(named)) return true;
        if (_form != SnippetForm.File) return true;
        // A member missing from the snippet's own complete class is about an API only when the class derives
        // from a library type that should have had it.
        return named.BaseType is null || SymbolWords.IsFromSource(named.BaseType) || named.BaseType.SpecialType == SpecialType.System_Object;
    }

    private static SyntaxNode RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax q => q.Right,
        AliasQualifiedNameSyntax a => a.Name,
        NullableTypeSyntax n => RightmostName(n.ElementType),
        _ => type,
    };

    private static Location LocationOf(SyntaxNode node) => node switch
    {
        SimpleNameSyntax s => s.Identifier.GetLocation(),
        _ => node.GetLocation(),
    };

    private static string NameOf(SyntaxNode node) => node switch
    {
        SimpleNameSyntax s => s.Identifier.ValueText,
        _ => node.ToString(),
    };

    private static string Shorten(ExpressionSyntax expression)
    {
        var text = expression.ToString().ReplaceLineEndings(" ");
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private static string Plural(int count, string word) => count == 1 ? $"1 {word}" : $"{count} {word}s";
}
