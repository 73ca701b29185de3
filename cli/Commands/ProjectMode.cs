using System.CommandLine;
using System.Text;
using ApiTruth.Checker;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Output;
using ApiTruth.Checker.Project;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// The options of <c>check --project</c> without input files: whole projects, solutions and folders, their docs,
/// the cache, <c>--changed-since</c>, the upgrade preview, and the severity the MSBuild hook asks for.
/// </summary>
internal sealed class ProjectMode
{
    private readonly Option<bool> _docs = new("--docs") { Description = "Also check C# fences in Markdown files (default with a folder or solution)" };
    private readonly Option<bool> _noDocs = new("--no-docs") { Description = "Do not check Markdown files" };
    private readonly Option<string?> _docsRoot = new("--docs-root") { Description = "Where to look for Markdown files (default: the project's or solution's folder)" };
    private readonly Option<string?> _changedSince = new("--changed-since") { Description = "Check only files changed since this git revision" };
    private readonly Option<bool> _staged = new("--staged") { Description = "Check only the files staged for commit, as the index holds them (the git pre-commit hook)" };
    private readonly Option<string[]> _upgrade = new("--upgrade") { Description = "Preview an upgrade: Id@Version (repeatable); lists the calls it would break", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string> _severity = new("--severity") { Description = "error or warning: how msbuild/sarif output reports problems", DefaultValueFactory = _ => "error" };
    private readonly Option<bool> _noCache = new("--no-cache") { Description = "Check everything again instead of reusing unchanged results" };
    private readonly Option<string?> _cacheDir = new("--cache-dir") { Description = "Where results are cached (default: $APITRUTH_CACHE, else the user's data folder)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _docs, _noDocs, _docsRoot, _changedSince, _staged, _upgrade, _severity, _noCache, _cacheDir })
            command.Options.Add(option);
    }

    public async Task<int> RunAsync(ParseResult parse, string target, string format, string? framework, string? indexPath, ApiChecker checker,
        Checker.Binding.IReferenceResolver resolver, TextWriter output, TextWriter error, bool color, CancellationToken ct)
    {
        var severity = (parse.GetValue(_severity) ?? "error").ToLowerInvariant();
        if (severity is not ("error" or "warning")) throw new InputException($"--severity '{severity}': use error or warning");
        bool? docs = parse.GetValue(_noDocs) ? false : parse.GetValue(_docs) ? true : null;
        var targetFolder = Directory.Exists(target) ? target : Path.GetDirectoryName(Path.GetFullPath(target))!;
        if (parse.GetValue(_staged) && parse.GetValue(_changedSince) is not null) throw new InputException("--staged and --changed-since: use one");
        var onlyFiles = parse.GetValue(_changedSince) is { } revision ? await GitChanges.SinceAsync(targetFolder, revision, ct) : null;
        IReadOnlyDictionary<string, string>? overrides = null;
        if (parse.GetValue(_staged))
        {
            var snapshot = await GitChanges.StagedAsync(targetFolder, ct);
            (onlyFiles, overrides) = (snapshot.Staged, snapshot.IndexTexts);
        }
        var cache = parse.GetValue(_noCache) ? null : new ProjectCheckCache(parse.GetValue(_cacheDir) ?? ProjectCheckCache.DefaultFolder);
        var upgrades = (parse.GetValue(_upgrade) ?? []).Select(CheckCommand.ParsePin).ToList();
        if (upgrades.Any(u => u.Version is null)) throw new InputException("--upgrade needs Id@Version");
        var request = new ProjectCheckRequest(target, framework, null, docs, parse.GetValue(_docsRoot), onlyFiles, cache, IndexState(indexPath), overrides);
        Action<string>? trace = Environment.GetEnvironmentVariable("APITRUTH_TRACE") is { Length: > 0 } ? line => error.WriteLine($"apitruth: {line}") : null;
        var run = new ProjectCheck(checker, resolver, trace);
        var plan = await run.PlanAsync(request, ct);
        if (upgrades.Count > 0)
        {
            if (format is "sarif" or "msbuild")
                throw new InputException($"--upgrade prints a preview: use --format text or json, not {format}");
            var result = await run.RunAsync(plan, ct);
            var upgraded = await run.RunAsync(request with { Upgrades = upgrades }, ct);
            if (format == "json") UpgradePreview.WriteJson(output, result, upgraded, upgrades);
            else UpgradePreview.Write(output, result, upgraded, upgrades);
            WriteProblems(error, format: "text", severity, result.Problems.Concat(upgraded.Problems).DistinctBy(p => p.Path).ToList());
            return upgraded.Problems.Count > 0 ? ExitCodes.Usage : UpgradePreview.Breaks(result, upgraded).Any() ? 1 : 0;
        }

        // An unchanged re-run (same plan, same output options) prints what the last one printed: no report is read.
        var sarifRoot = Path.GetFullPath(parse.GetValue(_docsRoot) ?? targetFolder);
        var outputKey = cache is null ? null : ProjectCheckCache.Key(["output", plan.Key, format, severity, color.ToString(), sarifRoot]);
        if (outputKey is not null && await cache!.TryGetOutputAsync(outputKey, ct) is { } stored)
        {
            trace?.Invoke("output: from the cache");
            await WriteStoredAsync(output, stored.OutputFile, ct);
            await error.WriteAsync(stored.Error);
            return stored.ExitCode;
        }
        var checkedResult = await run.RunAsync(plan, ct);
        var reports = checkedResult.Reports.Select(r => r.Report).ToList();
        var written = System.Diagnostics.Stopwatch.StartNew();
        // The output is built as UTF-8 bytes: a JSON report of every finding is tens of megabytes, and as strings its
        // copies (UTF-16, a string builder, the cache's text) cost a second and hundreds of megabytes of large objects.
        using var outputBytes = new MemoryStream();
        using var errorBuffer = new StringWriter();
        using (var outputBuffer = new StreamWriter(outputBytes, new UTF8Encoding(false), leaveOpen: true))
        {
            if (format == "msbuild")
                WriteMsBuild(outputBuffer, checkedResult, severity == "warning");
            else
                CheckCommand.Write(outputBuffer, format, reports, checkedResult.Sources, color, sarifRoot, severity == "warning");
            WriteProblems(format == "msbuild" ? outputBuffer : errorBuffer, format, severity, checkedResult.Problems);
        }
        int exit = checkedResult.Problems.Count > 0 ? ExitCodes.Usage : checkedResult.HasProblems ? 1 : 0;
        await WriteBytesAsync(output, outputBytes, ct);
        await error.WriteAsync(errorBuffer.ToString());
        // A run that could not check something (a feed outage, an unreadable file) is not kept: the next run tries again.
        if (outputKey is not null && exit != ExitCodes.Usage)
            await cache!.PutOutputAsync(outputKey, exit, outputBytes, errorBuffer.ToString(), ct);
        trace?.Invoke($"output ({format}): {written.ElapsedMilliseconds} ms");
        return exit;
    }

    private static async Task WriteBytesAsync(TextWriter output, MemoryStream bytes, CancellationToken ct)
    {
        if (ReferenceEquals(output, Console.Out))
        {
            await output.FlushAsync(ct);
            await using var stdout = Console.OpenStandardOutput();
            await stdout.WriteAsync(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), ct);
            return;
        }
        await output.WriteAsync(Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
    }

    // To the console, the stored bytes go straight to standard output (no decoding and encoding of megabytes).
    private static async Task WriteStoredAsync(TextWriter output, string file, CancellationToken ct)
    {
        if (ReferenceEquals(output, Console.Out))
        {
            await output.FlushAsync(ct);
            await using var stdout = Console.OpenStandardOutput();
            await using var stored = File.OpenRead(file);
            await stored.CopyToAsync(stdout, ct);
            return;
        }
        await output.WriteAsync(await File.ReadAllTextAsync(file, ct));
    }

    // The index's identity for the cache: its path, size and time (no index: the reference assemblies alone decide).
    private static string IndexState(string? indexPath)
    {
        var path = indexPath ?? Environment.GetEnvironmentVariable("APITRUTH_INDEX");
        if (path is null || !File.Exists(path)) return "no-index";
        var info = new FileInfo(path);
        return $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}";
    }

    // Like MsBuildReport, but the hook may ask for warnings, and several projects are told apart by their framework.
    private static void WriteMsBuild(TextWriter output, ProjectCheckResult result, bool asWarnings)
    {
        foreach (var (project, report, _) in result.Reports)
        {
            string suffix = $" [{Path.GetFileNameWithoutExtension(project)} {report.Framework}]";
            foreach (var s in report.SyntaxErrors)
                output.WriteLine($"{s.Path}({s.Line},{s.Column}): warning {DiagnosticCodes.SyntaxError}: syntax error {s.Code}: {s.Message}{suffix}");
            foreach (var f in report.Findings.Where(DiagnosticCodes.IsReported))
            {
                var level = DiagnosticCodes.IsError(f) && !asWarnings ? "error" : "warning";
                output.WriteLine($"{f.Path}({f.Line},{f.Column}): {level} {DiagnosticCodes.CodeOf(f)}: {DiagnosticCodes.OneLine(f)}{suffix}");
            }
        }
    }

    private static void WriteProblems(TextWriter writer, string format, string severity, IReadOnlyList<ProjectProblem> problems)
    {
        foreach (var problem in problems)
        {
            var message = problem.Message.StartsWith(problem.Path + ": ", StringComparison.Ordinal) ? problem.Message[(problem.Path.Length + 2)..] : problem.Message;
            writer.WriteLine(format == "msbuild"
                ? $"{problem.Path}: {severity} {ProjectDiagnostics.NotChecked}: not checked: {message}"
                : $"apitruth: {problem.Path}: not checked: {message}");
        }
    }
}

/// <summary>Diagnostic IDs of project mode that the checker's own list does not have.</summary>
internal static class ProjectDiagnostics
{
    /// <summary>A file or project that could not be read or evaluated, so it was not checked.</summary>
    public const string NotChecked = "APITRUTH000";
}
