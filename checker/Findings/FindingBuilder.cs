using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Knowledge;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Checker.Findings;

/// <summary>
/// Turns the binder's judgements into findings: positions in the input file, the package that defines the API,
/// [Obsolete] facts, history from the index (in which versions it exists; which unreferenced package has it)
/// and suggestions.
/// </summary>
internal sealed class FindingBuilder(ICheckerIndex? index)
{
    /// <param name="notes">Receives what the index could not be prepared with (offline, not served).</param>
    public async Task<IReadOnlyList<Finding>> BuildAsync(BoundSnippet bound, IReadOnlyList<Judgement> judgements, List<string> notes, CancellationToken ct)
    {
        var scope = KnowledgeScope.Empty;
        if (index is not null && judgements.Any(NeedsIndex))
        {
            var references = bound.References.References;
            var needs = new KnowledgeNeeds(
                references.Framework,
                references.Assemblies.Any(a => a.Owner is { IsFramework: true, Id: "Microsoft.AspNetCore.App" }),
                references.Packages.Where(p => !p.IsTransitive).Select(p => (p.Id, p.Version)).ToList(),
                TypeLookups: judgements.Any(j => j.Verdict != Verdict.Exists && j.Target == LookupTarget.Type),
                Problems: judgements.Any(j => j.Verdict.IsProblem() && NeedsIndex(j)));
            scope = await index.PrepareAsync(needs, ct);
            notes.AddRange(scope.Notes);
        }
        var findings = new List<Finding>(judgements.Count);
        foreach (var j in judgements)
            findings.Add(await BuildAsync(bound, j, scope, ct));
        return findings;
    }

    // The findings whose explanation reads the index: a member missing from a library type, an unknown type name.
    private static bool NeedsIndex(Judgement j) =>
        j.Verdict != Verdict.Exists
        && (j.Target == LookupTarget.Type || (j.Target == LookupTarget.Member && j.Verdict == Verdict.Missing && j.Receiver is not null));

    private async Task<Finding> BuildAsync(BoundSnippet bound, Judgement j, KnowledgeScope scope, CancellationToken ct)
    {
        var (line, column) = bound.Snippet.Position(j.Location);
        var symbol = j.Symbol is null ? null : SymbolWords.Definition(j.Symbol);
        var ownerSymbol = symbol ?? j.Receiver?.OriginalDefinition;
        var owner = ownerSymbol is null ? null : bound.References.OwnerOf(ownerSymbol.ContainingAssembly);
        var obsolete = j.Verdict == Verdict.Exists && symbol is not null ? ObsoleteOf(symbol) : null;
        var verdict = j.Verdict;
        var evidence = j.Evidence;
        var message = j.Reason;
        if (verdict == Verdict.Exists)
        {
            message = symbol is null ? "exists" : $"exists: {SymbolWords.Display(symbol)}";
            if (obsolete is not null)
                message += $" (obsolete{(obsolete.IsError ? ", an error to use" : "")}{(obsolete.Message is null ? "" : ": " + obsolete.Message)})";
        }
        var history = new List<string>();
        if (index is not null && verdict != Verdict.Exists)
        {
            var (newVerdict, newEvidence, extra) = await ExplainAsync(bound, j, owner, scope, history, ct);
            verdict = newVerdict;
            evidence = newEvidence;
            if (extra is not null) message = extra;
        }
        var suggestions = verdict.IsProblem() ? SuggestionFinder.For(j with { Verdict = verdict }, bound) : [];
        return new Finding(bound.Snippet.Source.Path, line, column, Math.Max(1, j.Location.SourceSpan.Length), j.Name, j.Kind,
            verdict, evidence, symbol is null ? null : SymbolWords.DocId(symbol),
            owner?.Id, owner?.Version, obsolete, message, history.Distinct(StringComparer.Ordinal).ToList(), suggestions);
    }

    private async Task<(Verdict, Evidence, string?)> ExplainAsync(BoundSnippet bound, Judgement j, AssemblyOwner? owner, KnowledgeScope scope,
        List<string> history, CancellationToken ct)
    {
        var pinned = bound.References.References.Packages.ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
        string framework = bound.References.References.Framework;
        string? PinnedVersion(string packageId) =>
            packageId.StartsWith(HistoryText.FrameworkPrefix, StringComparison.Ordinal) ? framework
            : pinned.TryGetValue(packageId, out var v) ? v : null;

        if (j.Target == LookupTarget.Member && j.Receiver is { } receiver && owner is not null && j.Verdict == Verdict.Missing)
        {
            var typeId = receiver.OriginalDefinition.GetDocumentationCommentId();
            var packageId = owner.IsFramework ? HistoryText.FrameworkPrefix + owner.Id : owner.Id;
            var presence = typeId is null ? null : await index!.GetMemberPresenceAsync(packageId, typeId, j.Name, ct);
            if (presence is not null && HistoryText.Describe($"'{receiver.Name}.{j.Name}'", presence, PinnedVersion(packageId)) is { } line)
                history.Add(line);
            if (presence is null || !presence.Versions.Any(v => v.Present))
            {
                // Never a member of the type: perhaps an extension method, of another version of a pin or of a package not referenced.
                var elsewhere = (await index!.FindExtensionMethodAsync(j.Name, ct)).Where(p => p.Versions.Any(v => v.Present)).ToList();
                int beforeExtensions = history.Count;
                foreach (var p in elsewhere.Where(p => PinnedVersion(p.PackageId) is not null).Take(2))
                {
                    var type = DocIds.ContainingType(p.DocId) is { } t ? DocIds.SimpleName(t) + "." : "";
                    if (HistoryText.Describe($"extension method '{type}{j.Name}'", p, PinnedVersion(p.PackageId)) is { } extensionLine)
                        history.Add(extensionLine);
                }
                var unreferenced = elsewhere.Where(p => PinnedVersion(p.PackageId) is null).ToList();
                // Only when no pin has such an extension method: then the unreferenced package is the answer.
                if (unreferenced.Count > 0 && history.Count == beforeExtensions)
                {
                    history.AddRange(unreferenced.Take(3).Select(p => HistoryText.Describe($"extension method '{j.Name}'", p, null)!));
                    return (Verdict.NotReferenced, j.Evidence,
                        $"'{j.Name}' is an extension method of {string.Join(", ", unreferenced.Select(p => HistoryText.Display(p.PackageId)).Distinct().Take(3))}, which is not referenced");
                }
            }
            return (j.Verdict, j.Evidence, null);
        }
        if (j.Target == LookupTarget.Type)
        {
            var name = j.Name;
            var locations = (await index!.FindTypeAsync(name, ct)).Where(p => p.Versions.Any(v => v.Present)).ToList();
            if (locations.Count == 0) return (j.Verdict, j.Evidence, null);
            var inPinned = locations.Where(p => PinnedVersion(p.PackageId) is not null).ToList();
            var inRelated = locations.Where(p => PinnedVersion(p.PackageId) is null && scope.Related.ContainsKey(p.PackageId)).ToList();
            var shown = inPinned.Count > 0 ? inPinned : inRelated.Count > 0 ? inRelated : locations;
            foreach (var p in shown.Take(3))
            {
                if (HistoryText.Describe($"type '{name}'", p, PinnedVersion(p.PackageId)) is { } line)
                    history.Add(scope.Related.TryGetValue(p.PackageId, out var owningPin) && PinnedVersion(p.PackageId) is null
                        ? $"{line} ({HistoryText.Display(p.PackageId)} is a dependency of {owningPin})" : line);
            }
            bool guessed = j.Verdict == Verdict.Unverifiable;
            if (inPinned.Count > 0 || inRelated.Count > 0)
            {
                // The name is a library type of another version of a pinned package (or of the package a newer version
                // moved it to), not the snippet's own.
                var where = inPinned.Count > 0
                    ? $"other versions of {string.Join(", ", inPinned.Select(p => HistoryText.Display(p.PackageId)).Distinct())} have one"
                    : $"{string.Join(", ", inRelated.Select(p => HistoryText.Display(p.PackageId)).Distinct())}, which newer versions of "
                      + $"{string.Join(", ", inRelated.Select(p => scope.Related[p.PackageId].Split(' ')[0]).Distinct())} depend on, has one";
                return (guessed ? Verdict.Missing : j.Verdict, guessed ? Evidence.NameLevel : j.Evidence,
                    guessed ? $"there is no type named '{name}' in the pinned versions; {where}" : null);
            }
            var packages = string.Join(", ", locations.Select(p => HistoryText.Display(p.PackageId)).Distinct().Take(3));
            // An unreferenced package defining the name proves nothing about an undeclared name unless the code imports
            // that package's namespace: 'Job' or 'Item' is more likely the snippet's own type than Hangfire's.
            if (guessed && !locations.Any(p => Imports(bound, p.DocId, name)))
                return (j.Verdict, j.Evidence, $"{j.Reason}; a type of that name is in {packages}, which is not referenced");
            return (Verdict.NotReferenced, guessed ? Evidence.NameLevel : j.Evidence,
                $"type '{name}' is defined in {packages}, which is not referenced");
        }
        return (j.Verdict, j.Evidence, null);
    }

    /// <summary>Whether the code has a using directive for the namespace that <paramref name="typeDocId"/> (a top-level type) is in.</summary>
    private static bool Imports(BoundSnippet bound, string typeDocId, string name)
    {
        var full = typeDocId.StartsWith("T:", StringComparison.Ordinal) ? typeDocId[2..] : typeDocId;
        if (full.IndexOf('`') is var tick and >= 0) full = full[..tick];
        if (!full.EndsWith("." + name, StringComparison.Ordinal)) return false;
        var ns = full[..^(name.Length + 1)];
        return bound.Snippet.Tree.GetRoot().DescendantNodes(n => n is not MemberDeclarationSyntax || n is BaseNamespaceDeclarationSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(u => u.Alias is null && u.StaticKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None) && u.Name?.ToString() == ns);
    }

    private static ObsoleteInfo? ObsoleteOf(ISymbol symbol)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is not { Name: "ObsoleteAttribute", ContainingNamespace.Name: "System" }) continue;
            var args = attribute.ConstructorArguments;
            string? message = args.Length > 0 ? args[0].Value as string : null;
            bool error = args.Length > 1 && args[1].Value is true;
            string? id = attribute.NamedArguments.FirstOrDefault(a => a.Key == "DiagnosticId").Value.Value as string;
            return new ObsoleteInfo(message, error, id);
        }
        return null;
    }
}
