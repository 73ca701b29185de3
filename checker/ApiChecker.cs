using Microsoft.CodeAnalysis;
using NuGet.Frameworks;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker;

/// <summary>What to check and against what.</summary>
/// <param name="Sources">The code units (files, stdin, Markdown blocks).</param>
/// <param name="Framework">--framework, or null for the project's, the snippet's, else net10.0.</param>
/// <param name="Packages">--package pins.</param>
/// <param name="Project">The project's pins and frameworks, when --project was given.</param>
/// <param name="Context">Code that is not checked but that the checked code uses: the projects the project references.</param>
internal sealed record CheckRequest(
    IReadOnlyList<SnippetSource> Sources,
    string? Framework = null,
    IReadOnlyList<PackagePin>? Packages = null,
    ProjectPins? Project = null,
    IReadOnlyList<SnippetSource>? Context = null);

/// <summary>
/// Checks every API reference of some code against the exact reference set of its pins: parses each unit in the
/// mode its form needs, binds it with Roslyn (adding omitted usings), judges every reference, explains.
/// One instance keeps its reference sets warm for later checks.
/// </summary>
/// <param name="trace">Receives one line per phase with its time (APITRUTH_TRACE), or null.</param>
internal sealed class ApiChecker(IReferenceResolver resolver, ICheckerIndex? index = null, Action<string>? trace = null)
{
    public const string DefaultFramework = "net10.0";

    /// <summary>Units bound ahead of the one being explained; more would only hold more semantic models in memory.</summary>
    private const int BindingWindow = 16;

    private readonly ReferenceContextCache _contexts = new();
    private readonly MemoizingReferenceResolver _resolver = new(resolver);
    private readonly FindingBuilder _findings = new(index);

    /// <summary>One report per target framework (a project may have several).</summary>
    /// <exception cref="InputException">Bad input: malformed directive, unknown framework, package or version.</exception>
    public async Task<IReadOnlyList<CheckReport>> CheckAsync(CheckRequest request, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var directives = request.Sources.Select(SnippetDirectives.Extract).ToList();
        var frameworks = request.Framework is not null ? [request.Framework]
            : directives.Select(d => d.TargetFramework).FirstOrDefault(f => f is not null) is { } fromDirective ? [fromDirective]
            : request.Project is { TargetFrameworks.Count: > 0 } evaluated ? evaluated.TargetFrameworks
            : [DefaultFramework];
        bool aspNetCore = directives.Any(d => d.AspNetCore) || request.Project?.IsAspNetCore == true;
        var reports = new List<CheckReport>();
        foreach (var framework in frameworks)
        {
            var parsedFramework = NuGetFramework.Parse(framework);
            if (parsedFramework.IsUnsupported || parsedFramework.IsAny)
                throw new InputException($"'{framework}' is not a target framework moniker (e.g. net8.0, netstandard2.0)");
            var moniker = parsedFramework.GetShortFolderName();
            var project = request.Project?.For(framework);
            // Code is parsed as the compiler of this framework sees it: #if NET8_0_OR_GREATER and the project's own symbols.
            var symbols = FrameworkSymbols.For(moniker).Concat(project?.DefineConstants ?? []).Distinct(StringComparer.Ordinal).ToList();
            var pins = PackagePin.Merge((request.Packages ?? [])
                .Concat(directives.SelectMany(d => d.Packages))
                .Concat(project?.Packages ?? []));
            // Resolving the reference set and loading its assemblies do not need the parsed code: on another core,
            // they overlap parsing (in a cold process both are mostly first-use costs).
            var prepared = Task.Run(() => PrepareAsync(moniker, pins, aspNetCore, ct), ct);
            var parsed = request.Sources.Select(s => ParsedSnippet.Parse(s, symbols)).ToList();
            var context = (request.Context ?? []).Select(s => ParsedSnippet.Parse(s, symbols)).Where(p => p.Form == SnippetForm.File).Select(p => p.Tree).ToList();
            trace?.Invoke($"parse {clock.ElapsedMilliseconds} ms");
            clock.Restart();
            var references = await prepared;
            trace?.Invoke($"resolve {framework}: {references.Assemblies.Count} assemblies, {clock.ElapsedMilliseconds} ms more");
            IReadOnlyList<string>? usings = project is null ? null
                : (project.ImplicitUsings ? ImplicitUsings.For(aspNetCore) : []).Concat(project.Usings).Distinct(StringComparer.Ordinal).ToList();
            reports.Add(await CheckAsync(parsed, references, aspNetCore, ct, context, usings, project?.Properties));
            clock.Restart();
        }
        return reports;
    }

    private async Task<ResolvedReferences> PrepareAsync(string moniker, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        var references = await _resolver.ResolveAsync(moniker, pins, aspNetCore, ct);
        _contexts.For(references, aspNetCore);
        return references;
    }

    /// <summary>Checks parsed units against a resolved reference set (the in-process, warm path).</summary>
    /// <param name="contextTrees">Files that are part of the compilation but not checked (a referenced project's sources, files unchanged since a git ref).</param>
    /// <param name="globalUsings">The project's global usings; null for the SDK's implicit ones.</param>
    public async Task<CheckReport> CheckAsync(IReadOnlyList<ParsedSnippet> parsed, ResolvedReferences references, bool aspNetCore, CancellationToken ct,
        IReadOnlyList<SyntaxTree>? contextTrees = null, IReadOnlyList<string>? globalUsings = null, IReadOnlyDictionary<string, string>? projectProperties = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var context = _contexts.For(references, aspNetCore);
        trace?.Invoke($"references {clock.ElapsedMilliseconds} ms");
        // Whole files see each other's types, as in their project; fragments see the files too.
        var files = parsed.Where(p => p.Form == SnippetForm.File).Select(p => p.Tree).Concat(contextTrees ?? []).ToList();
        var findings = new List<Finding>();
        var syntax = new List<SyntaxProblem>();
        var notes = new List<string>(references.Problems);
        // Whole files are bound in one compilation (a project's 600 files are not compiled 600 times); fragments
        // cannot join it (statements and members need script mode) and get compilations of their own beside the files.
        SharedCompilation? shared = null;
        if (parsed.Any(p => p.Form == SnippetForm.File))
        {
            clock.Restart();
            shared = SnippetBinder.Share(context, files, globalUsings, projectProperties);
            trace?.Invoke($"shared compilation of {files.Count} files: {clock.ElapsedMilliseconds} ms");
        }
        (BoundSnippet, IReadOnlyList<Judgement>) BindAndJudge(ParsedSnippet snippet)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var start = shared is not null && snippet.Form == SnippetForm.File
                ? SnippetBinder.Start(snippet, context, shared)
                : SnippetBinder.Start(snippet, context, files, parsed.Count == 1 ? trace : null, globalUsings, projectProperties);
            // Most code (every file of a project that builds) names nothing it does not import: then the search for omitted
            // usings can only find extension methods for members that are not found, and when there are none its cost
            // (the compiler's diagnostics for the whole unit, half of a project check) is skipped.
            long started = watch.ElapsedMilliseconds;
            if (SnippetBinder.BindAsIs(start) is { } asIs)
            {
                long namesBound = watch.ElapsedMilliseconds;
                var first = new ReferenceWalker(asIs).Walk();
                if (!SnippetBinder.CouldImportMore(start, first.Where(j => j.Verdict != Verdict.Exists)))
                {
                    trace?.Invoke($"bind and judge {snippet.Source.Path} as is: {first.Count} references, {watch.ElapsedMilliseconds} ms "
                        + $"(compilation {started} ms, names bound {namesBound - started} ms, judged {watch.ElapsedMilliseconds - namesBound} ms)");
                    return (asIs, first);
                }
            }
            var bound = SnippetBinder.Bind(start, parsed.Count == 1 ? trace : null);
            long bindTime = watch.ElapsedMilliseconds;
            var judgements = new ReferenceWalker(bound).Walk();
            trace?.Invoke($"bind {snippet.Source.Path}: {bindTime} ms, judge {judgements.Count} references: {watch.ElapsedMilliseconds - bindTime} ms");
            return (bound, judgements);
        }

        // Binding and judging read an immutable compilation: units are bound on every core, a few ahead of the one being
        // explained (explanations read the index one at a time, in order). The window bounds the semantic models held at once.
        // Not disposed: when an explanation throws, units already started still finish and release it.
        var cores = new SemaphoreSlim(Environment.ProcessorCount);
        async Task<(BoundSnippet Bound, IReadOnlyList<Judgement> Judgements)> OnACore(ParsedSnippet snippet)
        {
            await cores.WaitAsync(ct);
            try
            {
                return BindAndJudge(snippet);
            }
            finally
            {
                cores.Release();
            }
        }
        var pending = new Queue<Task<(BoundSnippet Bound, IReadOnlyList<Judgement> Judgements)>>();
        int next = 0;
        for (int i = 0; i < parsed.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            while (next < parsed.Count && pending.Count < BindingWindow)
            {
                var unit = parsed[next++];
                pending.Enqueue(parsed.Count == 1 ? Task.FromResult(BindAndJudge(unit)) : Task.Run(() => OnACore(unit), ct));
            }
            var (bound, judgements) = await pending.Dequeue();
            var snippet = bound.Snippet;
            if (bound.AddedUsings.Count > 0)
                notes.Add($"{snippet.Source.Path}{(snippet.Source.FirstLine > 1 ? ":" + snippet.Source.FirstLine : "")}: added using {string.Join(", ", bound.AddedUsings)}");
            foreach (var d in snippet.Tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                var (line, column) = snippet.Position(d.Location);
                syntax.Add(new SyntaxProblem(snippet.Source.Path, line, column, d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
            }
            clock.Restart();
            findings.AddRange(await _findings.BuildAsync(bound, judgements, notes, ct));
            trace?.Invoke($"explain {snippet.Source.Path}: {clock.ElapsedMilliseconds} ms");
        }
        notes.AddRange(references.Packages.Where(p => p.Note is not null).Select(p => $"{p.Id} {p.Version}: {p.Note}"));
        return new CheckReport(references.Framework, references.Packages, findings, syntax, notes);
    }
}
