using System.CommandLine;
using System.Text;
using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Knowledge;
using ApiTruth.Checker.Output;
using ApiTruth.Cli.HandOff;
using ApiTruth.Indexer.Feeds;

namespace ApiTruth.Cli.Commands;

/// <summary>What <c>apitruth check</c> needs from its surroundings; tests replace parts of it.</summary>
/// <param name="OpenIndex">Opens the API index at a path (null: the default location), indexing on demand unless offline (the flag); null for no index.</param>
/// <param name="Resolver">Finds reference assemblies; null for the default.</param>
/// <param name="Stdin">Where <c>-</c> reads from.</param>
internal sealed record CheckServices(
    Func<string?, bool, ICheckerIndex?>? OpenIndex = null,
    IReferenceResolver? Resolver = null,
    TextReader? Stdin = null);

/// <summary><c>apitruth check</c>: every API reference of some C# against the exact versions it should run on.</summary>
internal static class CheckCommand
{
    private static readonly string[] Formats = ["text", "json", "sarif", "msbuild"];

    internal static Command Create(CheckServices? services = null)
    {
        services ??= new CheckServices();
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "C# or Markdown files, folders, or - for standard input (default: the --project folder)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var framework = new Option<string?>("--framework", "-f") { Description = "Target framework (default: the project's, else net10.0)" };
        var packages = new Option<string[]>("--package", "-p")
        {
            Description = "A package pin, Id@Version (repeatable); Id alone means the newest stable version",
            AllowMultipleArgumentsPerToken = false,
        };
        var project = new Option<string?>("--project") { Description = "A .csproj, .sln, .slnx or folder: without input files, check its projects (and docs); with them, use its pins" };
        var format = new Option<string>("--format") { Description = "text, json, sarif or msbuild", DefaultValueFactory = _ => "text" };
        var index = CommonOptions.Index();
        var noColor = new Option<bool>("--no-color") { Description = "Never color the text output" };
        var offline = new Option<bool>("--offline")
        {
            Description = "Use only what is downloaded and indexed already: fetch no package, index nothing, and say what was missing",
        };

        var command = new Command("check", "Check that every API a snippet calls exists in the versions it uses");
        command.Arguments.Add(inputs);
        command.Options.Add(framework);
        command.Options.Add(packages);
        command.Options.Add(project);
        command.Options.Add(format);
        command.Options.Add(index);
        command.Options.Add(noColor);
        command.Options.Add(offline);
        var projectMode = new ProjectMode();
        projectMode.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var chosenFormat = (parse.GetValue(format) ?? "text").ToLowerInvariant();
                if (!Formats.Contains(chosenFormat))
                    throw new InputException($"unknown format '{chosenFormat}' (use {string.Join(", ", Formats)})");
                if (parse.GetValue(project) is { } whole && parse.GetValue(inputs) is not { Length: > 0 })
                {
                    // A project's source generators are assemblies loaded at run time: only the full CLI runs them.
                    FullCliHandOff.Require("project mode");
                    // As in snippet mode: resolved reference sets come from disk, and NuGet is opened only for a new set of pins.
                    PackageFeed? projectFeed = null;
                    try
                    {
                        var projectResolver = services.Resolver ?? new CachingReferenceResolver(CachingReferenceResolver.DefaultFolder,
                            () => new FeedReferenceResolver(projectFeed = OpenFeed(parse.GetValue(offline))));
                        Action<string>? projectTrace = Environment.GetEnvironmentVariable("APITRUTH_TRACE") is { Length: > 0 } ? line => error.WriteLine($"apitruth: {line}") : null;
                        var projectIndex = services.OpenIndex is { } openIndex ? openIndex(parse.GetValue(index), parse.GetValue(offline))
                            : OpenDefaultIndex(parse.GetValue(index), parse.GetValue(offline), indexForUnknownTypes: false);
                        return await projectMode.RunAsync(parse, whole, chosenFormat, parse.GetValue(framework), parse.GetValue(index),
                            new ApiChecker(projectResolver, projectIndex, projectTrace), projectResolver,
                            output, error, !parse.GetValue(noColor) && IsTerminal(output), ct);
                    }
                    finally
                    {
                        projectFeed?.Dispose();
                    }
                }
                var projectPins = parse.GetValue(project) is { } projectPath ? ProjectPins.Load(projectPath) : null;
                var paths = parse.GetValue(inputs) is { Length: > 0 } given ? given
                    : projectPins is not null ? [projectPins.Folder]
                    : throw new InputException("name a file, a folder, or - for standard input (or give --project)");
                var pins = (parse.GetValue(packages) ?? []).Select(ParsePin).ToList();
                // The native front keeps what it reads from stdin, for the full CLI to read again if it hands off.
                var captured = services.Stdin is null && FullCliHandOff.Target is not null && paths.Contains("-") ? StdinBytes.Read() : null;
                try
                {
                    return await CheckSnippetsAsync(paths, pins, projectPins, chosenFormat, captured?.Reader ?? services.Stdin ?? Console.In);
                }
                catch (Exception e) when (captured is not null && HandOffException.Find(e) is { } handOff)
                {
                    throw handOff.WithStdin(captured.Bytes);
                }
            }
            catch (InputException e)
            {
                await error.WriteLineAsync($"apitruth: {e.Message}");
                return 2;
            }

            async Task<int> CheckSnippetsAsync(string[] paths, List<PackagePin> pins, ProjectPins? projectPins, string chosenFormat, TextReader stdinReader)
            {
                var sources = await InputReader.ReadAsync(paths, stdinReader, ct);
                var checkerIndex = services.OpenIndex is { } open ? open(parse.GetValue(index), parse.GetValue(offline))
                    : OpenDefaultIndex(parse.GetValue(index), parse.GetValue(offline), indexForUnknownTypes: true);
                PackageFeed? feed = null;
                try
                {
                    var resolver = services.Resolver ?? new CachingReferenceResolver(CachingReferenceResolver.DefaultFolder,
                        () => new FeedReferenceResolver(feed = OpenFeed(parse.GetValue(offline))));
                    Action<string>? trace = Environment.GetEnvironmentVariable("APITRUTH_TRACE") is { Length: > 0 } ? line => error.WriteLine($"apitruth: {line}") : null;
                    var checker = new ApiChecker(resolver, checkerIndex, trace);
                    var context = new List<SnippetSource>();
                    foreach (var folder in projectPins?.ReferencedFolders() ?? [])
                        context.AddRange((await InputReader.ReadAsync([folder], TextReader.Null, ct)).Where(s => !InputReader.IsMarkdown(s.Path)));
                    var reports = await checker.CheckAsync(new CheckRequest(sources, parse.GetValue(framework), pins, projectPins, context), ct);
                    if (checkerIndex is BackgroundCheckerIndex background) await background.EnsureOpenAsync();
                    Write(output, chosenFormat, reports, sources, color: !parse.GetValue(noColor) && IsTerminal(output));
                    return reports.Any(r => r.HasProblems) ? 1 : 0;
                }
                finally
                {
                    feed?.Dispose();
                }
            }
        });
        return command;
    }

    /// <summary>NuGet's feed client, which only the full CLI runs (its JSON is read by reflection).</summary>
    private static PackageFeed OpenFeed(bool offline)
    {
        FullCliHandOff.Require("reading the NuGet feeds");
        return PackageFeed.FromConfiguration(offline: offline);
    }

    /// <summary>Writes reports in the chosen format; shared by snippet and project mode. MSBuild output stays the caller's.</summary>
    /// <param name="sarifRoot">The folder SARIF locations are relative to.</param>
    /// <param name="asWarnings">Report findings as warnings (the hook's ApiTruthSeverity=warning).</param>
    internal static void Write(TextWriter output, string format, IReadOnlyList<CheckReport> reports, IReadOnlyList<SnippetSource> sources, bool color,
        string? sarifRoot = null, bool asWarnings = false)
    {
        switch (format)
        {
            case "json" when output is StreamWriter { Encoding: UTF8Encoding } bytes:
                {
                    // Straight into the writer's UTF-8 stream: no string of tens of megabytes.
                    bytes.Flush();
                    JsonReport.Write(bytes.BaseStream, reports);
                    bytes.WriteLine();
                    break;
                }
            case "json":
                {
                    using var buffer = new MemoryStream();
                    JsonReport.Write(buffer, reports);
                    output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                    break;
                }
            case "sarif":
                {
                    using var buffer = new MemoryStream();
                    var version = typeof(CheckCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
                    var root = sarifRoot ?? Environment.CurrentDirectory;
                    SarifReport.Write(buffer, reports, version, root);
                    output.WriteLine(SarifFingerprints.Add(Encoding.UTF8.GetString(buffer.ToArray()), root, asWarnings));
                    break;
                }
            case "msbuild":
                MsBuildReport.Write(output, reports);
                break;
            default:
                new TextReport(output, color).Write(reports, sources);
                break;
        }
    }

    /// <summary>
    /// The index at --index / $APITRUTH_INDEX / the data folder. Explanations index what they need into it on demand
    /// (so the default index may not exist yet); offline, an absent index means explanations are absent, not wrong.
    /// </summary>
    /// <param name="indexForUnknownTypes">Index on demand to explain unknown type names too (snippets); a project's
    /// build hook indexes only to explain problems, so that a type the checker cannot see never costs a build minutes.</param>
    private static ICheckerIndex? OpenDefaultIndex(string? path, bool offline, bool indexForUnknownTypes)
    {
        var resolved = ApiTruth.Indexer.Storage.IndexLocation.Resolve(path);
        if (!File.Exists(resolved))
        {
            if (path is not null) throw new InputException($"--index: no index at {resolved}");
            if (offline) return null;
        }
        IndexMissing? indexMissing = offline ? null
            : (packages, frameworks, ct) => IndexOnDemand.RunAsync(resolved, packages, frameworks, Console.Error, "--offline turns this off", ct);
        ICheckerIndex Open()
        {
            try
            {
                var knowledge = new IndexKnowledge(resolved, indexMissing, "--offline") { IndexForUnknownTypes = indexForUnknownTypes };
                knowledge.Warm();
                return knowledge;
            }
            catch (InvalidDataException e)
            {
                throw new InputException(e.Message);
            }
        }
        // Snippets: opened on another core while the snippet binds. Project mode checks many files with one index.
        return indexForUnknownTypes ? new BackgroundCheckerIndex(Open) : Open();
    }

    private static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    /// <summary><c>Id@Version</c> or <c>Id</c>.</summary>
    internal static PackagePin ParsePin(string text)
    {
        var parts = text.Split('@', 2);
        var id = parts[0].Trim();
        var version = parts.Length == 2 ? parts[1].Trim() : null;
        if (id.Length == 0 || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            throw new InputException($"--package '{text}': expected Id@Version");
        if (version is not null && !NuGet.Versioning.NuGetVersion.TryParse(version, out _))
            throw new InputException($"--package '{text}': '{version}' is not a version");
        return new PackagePin(id, version, PinOrigin.CommandLine);
    }
}
