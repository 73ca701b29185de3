using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using Microsoft.CodeAnalysis;
using NuGet.Frameworks;

namespace ApiTruth.Checker.Project;

/// <summary>What <c>check --project</c> should do.</summary>
/// <param name="Target">A .csproj, .sln, .slnx or folder.</param>
/// <param name="Framework">Check only this framework (the MSBuild hook passes the inner build's), else each of the project's.</param>
/// <param name="Upgrades">Pins that replace the project's (the upgrade preview).</param>
/// <param name="Docs">Check Markdown C# fences; null: yes for a folder or solution, no for one project.</param>
/// <param name="DocsRoot">Where to look for Markdown (default: the target's folder); each doc goes to its nearest project.</param>
/// <param name="OnlyFiles">When set, only these files are checked (the rest of each project still compiles alongside).</param>
/// <param name="Cache">Earlier results; null to always check.</param>
/// <param name="IndexState">What identifies the API index's content (part of the cache key).</param>
/// <param name="TextOverrides">Text to check instead of the file on disk, by full path (the staged version of a file, for the pre-commit hook).</param>
internal sealed record ProjectCheckRequest(
    string Target,
    string? Framework = null,
    IReadOnlyList<PackagePin>? Upgrades = null,
    bool? Docs = null,
    string? DocsRoot = null,
    IReadOnlySet<string>? OnlyFiles = null,
    ProjectCheckCache? Cache = null,
    string IndexState = "",
    IReadOnlyDictionary<string, string>? TextOverrides = null);

/// <summary>
/// A project check before it runs: what it will check and everything the result depends on. <see cref="Key"/> changes
/// whenever any input does (files, pins, frameworks, evaluated properties, index state, the checker build, problems).
/// </summary>
internal sealed record ProjectPlan(string Key, IReadOnlyList<PlannedCheck> Checks, IReadOnlyList<ProjectProblem> Problems,
    IReadOnlyList<SnippetSource> Sources, ProjectCheckRequest Request);

/// <summary>One project × framework, ready to check, with the cache key over all its inputs.</summary>
internal sealed record PlannedCheck(MsBuildProject Project, string Framework, string Moniker, bool AspNetCore, FrameworkPins Evaluated,
    IReadOnlyList<PackagePin> Pins, IReadOnlyList<string> Symbols, IReadOnlyList<string> Usings,
    IReadOnlyList<SnippetSource> Sources, IReadOnlyList<SnippetSource> Companions, string Key);

/// <summary>One project checked against one framework.</summary>
internal sealed record ProjectReport(string Project, CheckReport Report, bool FromCache);

/// <summary>Everything a project check found, and what could not be checked.</summary>
internal sealed record ProjectCheckResult(IReadOnlyList<ProjectReport> Reports, IReadOnlyList<ProjectProblem> Problems, IReadOnlyList<SnippetSource> Sources)
{
    public bool HasProblems => Reports.Any(r => r.Report.HasProblems);
}

/// <summary>
/// Checks whole projects: each project's compiled files and its docs' C# fences against that project's own pins and
/// frameworks, with the sources of the projects it references in the same compilation. A file or project that
/// cannot be read is reported and the rest is still checked.
/// </summary>
/// <param name="trace">Receives one line per phase with its time (APITRUTH_TRACE), or null.</param>
internal sealed class ProjectCheck(ApiChecker checker, IReferenceResolver resolver, Action<string>? trace = null)
{
    private const int ConcurrentChecks = 2;

    public async Task<ProjectCheckResult> RunAsync(ProjectCheckRequest request, CancellationToken ct) =>
        await RunAsync(await PlanAsync(request, ct), ct);

    /// <summary>
    /// Finds, evaluates and reads everything a check depends on, without checking: cheap, so that an unchanged
    /// re-run can be answered from <see cref="ProjectPlan.Key"/> alone.
    /// </summary>
    public async Task<ProjectPlan> PlanAsync(ProjectCheckRequest request, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var set = ProjectSet.Discover(request.Target);
        trace?.Invoke($"projects: {set.Projects.Count} evaluated, {clock.ElapsedMilliseconds} ms");
        var problems = new List<ProjectProblem>(set.Problems);
        var docsByProject = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (request.Docs ?? set.IsMany)
        {
            var docsRoot = Path.GetFullPath(request.DocsRoot ?? set.Root);
            var candidates = ProjectSet.ProjectsUnder(docsRoot).Union(set.Projects.Select(p => p.Path), StringComparer.Ordinal).ToList();
            foreach (var (doc, project) in ProjectSet.AssignDocs(docsRoot, candidates, ProjectSet.MarkdownUnder(docsRoot, recursive: true), set.Projects))
            {
                if (!docsByProject.TryGetValue(project, out var list)) docsByProject[project] = list = [];
                list.Add(doc);
            }
        }

        trace?.Invoke($"docs: {docsByProject.Sum(d => d.Value.Count)} found, {clock.ElapsedMilliseconds} ms");
        var checks = new List<PlannedCheck>();
        var allSources = new List<SnippetSource>();
        var texts = new Dictionary<string, IReadOnlyList<SnippetSource>>(StringComparer.Ordinal); // a referenced project's files are read once
        foreach (var project in set.Projects)
        {
            ct.ThrowIfCancellationRequested();
            var checkedSources = new List<SnippetSource>();
            var companionTexts = new List<SnippetSource>();
            foreach (var file in project.CompileFiles)
            {
                var read = await TryReadAsync(file, request.TextOverrides, texts, problems, ct);
                if (request.OnlyFiles is null || request.OnlyFiles.Contains(file)) checkedSources.AddRange(read);
                else companionTexts.AddRange(read);
            }
            foreach (var doc in docsByProject.GetValueOrDefault(project.Path) ?? [])
            {
                if (request.OnlyFiles is null || request.OnlyFiles.Contains(doc))
                    checkedSources.AddRange(await TryReadAsync(doc, request.TextOverrides, texts, problems, ct));
            }
            if (checkedSources.Count == 0) continue;
            var referenced = set.ReferencedProjects(project, problems);
            foreach (var file in referenced.SelectMany(r => r.CompileFiles))
                companionTexts.AddRange(await TryReadAsync(file, request.TextOverrides, texts, problems, ct));
            allSources.AddRange(checkedSources);

            var frameworks = request.Framework is not null ? [request.Framework]
                : project.Pins.TargetFrameworks.Count > 0 ? project.Pins.TargetFrameworks
                : [ApiChecker.DefaultFramework];
            foreach (var framework in frameworks)
            {
                try
                {
                    checks.Add(Plan(project, framework, checkedSources, companionTexts, request));
                }
                catch (InputException e)
                {
                    problems.Add(new ProjectProblem(project.Path, e.Message));
                }
            }
        }
        var key = ProjectCheckCache.Key(checks.Select(c => c.Key).Append("--problems--").Concat(problems.Select(p => $"{p.Path}\n{p.Message}")));
        trace?.Invoke($"planned: {checks.Count} project-framework checks, {clock.ElapsedMilliseconds} ms");
        return new ProjectPlan(key, checks, problems, allSources, request);
    }

    public async Task<ProjectCheckResult> RunAsync(ProjectPlan plan, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var problems = new List<ProjectProblem>(plan.Problems);
        var reports = new List<ProjectReport>();
        // Two project-framework checks at a time: while one binds its last files and explains them, the next parses and
        // builds its compilation, so every core stays busy. More would only hold more compilations in memory.
        using var gate = new SemaphoreSlim(ConcurrentChecks);
        async Task<(ProjectReport? Report, ProjectProblem? Problem)> RunOneAsync(PlannedCheck check)
        {
            await gate.WaitAsync(ct);
            try
            {
                return (await CheckOneAsync(check, plan.Request, ct), null);
            }
            catch (InputException e)
            {
                return (null, new ProjectProblem(check.Project.Path, e.Message));
            }
            finally
            {
                gate.Release();
            }
        }
        var running = plan.Checks.Select(check => Task.Run(() => RunOneAsync(check), ct)).ToList();
        foreach (var (report, problem) in await Task.WhenAll(running))
        {
            if (report is not null) reports.Add(report);
            if (problem is not null) problems.Add(problem);
        }
        trace?.Invoke($"checked: {clock.ElapsedMilliseconds} ms");
        return new ProjectCheckResult(reports, problems, plan.Sources);
    }

    private static PlannedCheck Plan(MsBuildProject project, string framework, List<SnippetSource> sources, List<SnippetSource> companions, ProjectCheckRequest request)
    {
        var parsedFramework = NuGetFramework.Parse(framework);
        if (parsedFramework.IsUnsupported || parsedFramework.IsAny)
            throw new InputException($"'{framework}' is not a target framework moniker (e.g. net8.0, netstandard2.0)");
        var moniker = parsedFramework.GetShortFolderName();
        bool aspNetCore = project.Pins.IsAspNetCore;
        // Everything the compiler of this inner build sees differs per framework: conditional PackageReferences,
        // the SDK's NETSTANDARD2_0 / NET8_0_OR_GREATER symbols, usings, properties.
        var evaluated = project.Pins.For(framework);
        var pins = Pins(evaluated.Packages, request.Upgrades ?? []);
        var symbols = FrameworkSymbols.For(moniker).Concat(evaluated.DefineConstants).Distinct(StringComparer.Ordinal).ToList();
        var usings = (evaluated.ImplicitUsings ? ImplicitUsings.For(aspNetCore) : []).Concat(evaluated.Usings).Distinct(StringComparer.Ordinal).ToList();
        var key = ProjectCheckCache.Key(
            new[] { project.Path, framework, aspNetCore.ToString(), request.IndexState, string.Join(";", symbols), string.Join(";", usings) }
                .Concat(pins.Select(p => p.ToString().ToLowerInvariant()))
                .Concat(evaluated.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))
                .Concat(sources.Select(s => $"{s.Path}:{s.FirstLine}:{s.Indent}\n{s.Text}"))
                .Append("--companions--")
                .Concat(companions.Select(s => $"{s.Path}\n{s.Text}")));
        return new PlannedCheck(project, framework, moniker, aspNetCore, evaluated, pins, symbols, usings, sources, companions, key);
    }

    private async Task<ProjectReport> CheckOneAsync(PlannedCheck check, ProjectCheckRequest request, CancellationToken ct)
    {
        var (project, framework, moniker, aspNetCore) = (check.Project, check.Framework, check.Moniker, check.AspNetCore);
        if (request.Cache is not null)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            if (await request.Cache.TryGetAsync(check.Key, ct) is { } cached)
            {
                trace?.Invoke($"{Path.GetFileName(project.Path)} {framework}: read from the cache in {clock.ElapsedMilliseconds} ms");
                return new ProjectReport(project.Path, cached, FromCache: true);
            }
        }

        var parsed = check.Sources.Select(s => ParsedSnippet.Parse(s, check.Symbols)).ToList();
        var companionTrees = check.Companions.Select(s => ParsedSnippet.Parse(s, check.Symbols).Tree).ToList();
        // A fence that names its own packages (#:package) is checked against those, on top of the project's pins.
        var own = parsed.Where(p => p.Directives.Packages.Count == 0).ToList();
        var references = await resolver.ResolveAsync(moniker, check.Pins, aspNetCore, ct);
        var report = await checker.CheckAsync(own, references, aspNetCore, ct, companionTrees, check.Usings, check.Evaluated.Properties);
        foreach (var fence in parsed.Where(p => p.Directives.Packages.Count > 0))
        {
            var fencePins = PackagePin.Merge(fence.Directives.Packages.Concat(check.Pins));
            var fenceReport = await checker.CheckAsync([fence], await resolver.ResolveAsync(moniker, fencePins, aspNetCore, ct), aspNetCore, ct, companionTrees,
                check.Usings, check.Evaluated.Properties);
            report = report with
            {
                Findings = [.. report.Findings, .. fenceReport.Findings],
                SyntaxErrors = [.. report.SyntaxErrors, .. fenceReport.SyntaxErrors],
                Notes = [.. report.Notes, .. fenceReport.Notes],
            };
        }
        if (request.Cache is not null) await request.Cache.PutAsync(check.Key, report, ct);
        return new ProjectReport(project.Path, report, FromCache: false);
    }

    // The project's pins for the framework already hold what its referenced projects bring, as restore flows
    // PackageReference through ProjectReference. An upgrade replaces a pin; the versions restore chose for
    // dependencies are then dropped, as a new restore would choose them again.
    private static IReadOnlyList<PackagePin> Pins(IReadOnlyList<PackagePin> projectPins, IReadOnlyList<PackagePin> upgrades)
    {
        var all = upgrades.Concat(projectPins);
        if (upgrades.Count > 0) all = all.Where(p => !(p.IsTransitive && p.Origin == PinOrigin.ProjectAssets));
        return PackagePin.Merge(all);
    }

    private static async Task<IReadOnlyList<SnippetSource>> TryReadAsync(string file, IReadOnlyDictionary<string, string>? overrides,
        Dictionary<string, IReadOnlyList<SnippetSource>> texts, List<ProjectProblem> problems, CancellationToken ct)
    {
        if (texts.TryGetValue(file, out var known)) return known;
        if (overrides is not null && overrides.TryGetValue(file, out var text))
            return texts[file] = InputReader.IsMarkdown(file) ? MarkdownBlocks.Extract(file, text) : [new SnippetSource(file, text)];
        try
        {
            return texts[file] = await InputReader.ReadFileAsync(file, ct);
        }
        catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
        {
            if (!problems.Any(p => p.Path == file)) problems.Add(new ProjectProblem(file, e.Message));
            return texts[file] = [];
        }
    }
}
