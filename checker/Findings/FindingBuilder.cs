using Microsoft.CodeAnalysis;
using ApiTruth.Checker.Binding;

namespace ApiTruth.Checker.Findings;

/// <summary>
/// Turns the binder's judgements into findings: positions in the input file, the package that defines the API,
/// [Obsolete] facts, history from the index (in which versions it exists; which unreferenced package has it)
/// and suggestions.
/// </summary>
internal sealed class FindingBuilder(ICheckerIndex? index)
{
    public async Task<IReadOnlyList<Finding>> BuildAsync(BoundSnippet bound, IReadOnlyList<Judgement> judgements, CancellationToken ct)
    {
        var findings = new List<Finding>(judgements.Count);
        foreach (var j in judgements)
            findings.Add(await BuildAsync(bound, j, ct));
        return findings;
    }

    private async Task<Finding> BuildAsync(BoundSnippet bound, Judgement j, CancellationToken ct)
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
            var (newVerdict, newEvidence, extra) = await ExplainAsync(bound, j, owner, history, ct);
            verdict = newVerdict;
            evidence = newEvidence;
            if (extra is not null) message = extra;
        }
        var suggestions = verdict.IsProblem() ? SuggestionFinder.For(j with { Verdict = verdict }, bound) : [];
        return new Finding(bound.Snippet.Source.Path, line, column, Math.Max(1, j.Location.SourceSpan.Length), j.Name, j.Kind,
            verdict, evidence, symbol is null ? null : SymbolWords.DocId(symbol),
            owner?.Id, owner?.Version, obsolete, message, history.Distinct(StringComparer.Ordinal).ToList(), suggestions);
    }

    private async Task<(Verdict, Evidence, string?)> ExplainAsync(BoundSnippet bound, Judgement j, AssemblyOwner? owner, List<string> history, CancellationToken ct)
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
            if (typeId is not null && await index!.GetMemberPresenceAsync(packageId, typeId, j.Name, ct) is { } presence
                && HistoryText.Describe($"'{receiver.Name}.{j.Name}'", presence, PinnedVersion(packageId)) is { } line)
                history.Add(line);
            if (history.Count == 0 && j.Verdict == Verdict.Missing)
            {
                var elsewhere = await index!.FindExtensionMethodAsync(j.Name, ct);
                var unreferenced = elsewhere.Where(p => PinnedVersion(p.PackageId) is null && p.Versions.Any(v => v.Present)).ToList();
                if (unreferenced.Count > 0)
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
            foreach (var p in (inPinned.Count > 0 ? inPinned : locations).Take(3))
            {
                if (HistoryText.Describe($"type '{name}'", p, PinnedVersion(p.PackageId)) is { } line) history.Add(line);
            }
            if (inPinned.Count > 0)
            {
                // The name is a library type (of another version of a pinned package), not the snippet's own.
                var verdict = j.Verdict == Verdict.Unverifiable ? Verdict.Missing : j.Verdict;
                var evidence = j.Verdict == Verdict.Unverifiable ? Evidence.NameLevel : j.Evidence;
                var message = j.Verdict == Verdict.Unverifiable
                    ? $"there is no type named '{name}' in the pinned versions; other versions of {string.Join(", ", inPinned.Select(p => HistoryText.Display(p.PackageId)).Distinct())} have one"
                    : null;
                return (verdict, evidence, message);
            }
            return (Verdict.NotReferenced, j.Verdict == Verdict.Unverifiable ? Evidence.NameLevel : j.Evidence,
                $"type '{name}' is defined in {string.Join(", ", locations.Select(p => HistoryText.Display(p.PackageId)).Distinct().Take(3))}, which is not referenced");
        }
        return (j.Verdict, j.Evidence, null);
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
