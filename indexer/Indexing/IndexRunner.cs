using System.Threading.Channels;
using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Packages;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Indexing;

/// <summary>
/// Downloads and extracts package versions in parallel and hands each finished version to the single
/// writer, which stores it in its own transaction. A failure of one version is recorded and the run goes on.
/// </summary>
internal sealed class IndexRunner(PackageFeed feed, FrameworkPacks packs, ReferenceSetBuilder references, ApiExtractor extractor, IndexWriter writer)
{
    private abstract record WorkItem(string Package, PackageKind Kind, string Version);

    private sealed record PackageWork(string Package, NuGetVersion NuGetVersion) : WorkItem(Package, PackageKind.Package, NuGetVersion.ToNormalizedString());

    private sealed record FrameworkWork(FrameworkRequest Request, NuGetFramework Framework)
        : WorkItem(Request.AspNetCore ? FrameworkSeries.AspNetCore : FrameworkSeries.DotNet, PackageKind.Framework, Framework.GetShortFolderName());

    private sealed record Outcome(WorkItem Item, PackageVersionData? Data, VersionOutcome Failure, string? Reason, int Extracted);

    public async Task<IndexSummary> RunAsync(IReadOnlyList<PackageRequest> packages, IReadOnlyList<FrameworkRequest> frameworks,
        IndexOptions options, IIndexProgress progress, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<VersionResult>();
        var requestErrors = new List<string>();
        var work = new List<WorkItem>();

        foreach (var framework in frameworks)
        {
            var parsed = NuGetFramework.Parse(framework.Moniker);
            if (parsed.IsUnsupported || parsed.Version.Major == 0)
            {
                requestErrors.Add($"'{framework.Moniker}' is not a target framework moniker (e.g. net8.0, netstandard2.0).");
                continue;
            }
            work.Add(new FrameworkWork(framework, parsed));
        }

        // Packages asked for with every served version: once each of those versions is stored, the package is complete.
        var wholePackages = new List<(string Id, DateTimeOffset ListedAt)>();
        foreach (var request in packages)
        {
            var listedAt = DateTimeOffset.UtcNow;
            var served = await feed.ListVersionsAsync(request.Id, ct).ConfigureAwait(false);
            if (served.Count == 0)
            {
                requestErrors.Add($"{request.Id}: no version is served by the configured feeds (unknown package?).");
                continue;
            }
            if (request.ExactVersion is { } exact)
            {
                if (!served.Contains(exact))
                {
                    var reason = $"not served: the configured feeds do not serve {request.Id} {exact.ToNormalizedString()}";
                    writer.RecordFailure(request.Id, PackageKind.Package, exact.ToNormalizedString(), "not-served", reason);
                    results.Add(new VersionResult(request.Id, exact.ToNormalizedString(), VersionOutcome.NotServed, 0, 0, reason));
                    continue;
                }
                work.Add(new PackageWork(request.Id, exact));
                continue;
            }
            if (request.Range is null) wholePackages.Add((request.Id, listedAt));
            var selected = served.Where(v => request.Range?.Satisfies(v) ?? true).ToList();
            if (selected.Count == 0) requestErrors.Add($"{request}: no served version is in that range.");
            work.AddRange(selected.Select(v => new PackageWork(request.Id, v)));
        }

        var todo = new List<WorkItem>();
        foreach (var item in work.DistinctBy(w => (w.Package.ToLowerInvariant(), w.Version)))
        {
            var status = writer.GetStatus(item.Package, item.Version);
            if (!options.Force && status is "indexed" or "partial")
                results.Add(new VersionResult(item.Package, item.Version, VersionOutcome.Skipped, 0, 0, "already indexed"));
            else
                todo.Add(item);
        }

        progress.Planned(todo.Count);
        var channel = Channel.CreateBounded<Outcome>(new BoundedChannelOptions(4) { SingleReader = true });
        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct },
                    async (item, token) => await channel.Writer.WriteAsync(await ProcessAsync(item, token).ConfigureAwait(false), token).ConfigureAwait(false))
                    .ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var done = 0;
        try
        {
            await foreach (var outcome in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var result = Store(outcome);
                results.Add(result);
                progress.Finished(result, ++done, todo.Count);
            }
        }
        finally
        {
            await producer.ConfigureAwait(false);
        }
        // Reached only when every version was stored (indexed, or its failure recorded); a cancelled run marks nothing.
        foreach (var (id, listedAt) in wholePackages.DistinctBy(p => p.Id.ToLowerInvariant()))
            writer.MarkComplete(id, PackageKind.Package, listedAt);
        if (options.Force) writer.DeleteUnusedApiSets();
        return new IndexSummary(results, requestErrors, started.Elapsed);
    }

    private VersionResult Store(Outcome outcome)
    {
        var item = outcome.Item;
        if (outcome.Data is null)
        {
            writer.RecordFailure(item.Package, item.Kind, item.Version, outcome.Failure == VersionOutcome.NotServed ? "not-served" : "failed", outcome.Reason ?? "unknown error");
            return new VersionResult(item.Package, item.Version, outcome.Failure, 0, 0, outcome.Reason);
        }
        var apiCount = writer.WriteVersion(outcome.Data);
        var problems = outcome.Data.Groups.SelectMany(g => g.Problems).ToList();
        return new VersionResult(item.Package, item.Version, problems.Count > 0 ? VersionOutcome.Partial : VersionOutcome.Indexed,
            apiCount, outcome.Extracted, problems.Count > 0 ? $"{problems.Count} problem(s), first: {problems[0]}" : null);
    }

    private async Task<Outcome> ProcessAsync(WorkItem item, CancellationToken ct)
    {
        try
        {
            var data = item switch
            {
                PackageWork p => await ExtractPackageAsync(p, ct).ConfigureAwait(false),
                FrameworkWork f => await ExtractFrameworkAsync(f, ct).ConfigureAwait(false),
                _ => throw new InvalidOperationException(item.GetType().Name),
            };
            return new Outcome(item, data, VersionOutcome.Indexed, null, data.Groups.Sum(g => g.Apis.Count));
        }
        catch (PackageUnavailableException e)
        {
            return new Outcome(item, null, e.Reason == UnavailableReason.NotServed ? VersionOutcome.NotServed : VersionOutcome.Failed,
                $"{Describe(e.Reason)}: {e.Message}", 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new Outcome(item, null, VersionOutcome.Failed, $"{e.GetType().Name}: {e.Message}", 0);
        }
    }

    private async Task<PackageVersionData> ExtractPackageAsync(PackageWork work, CancellationToken ct)
    {
        var local = await feed.EnsurePackageAsync(work.Package, work.NuGetVersion, ct).ConfigureAwait(false);
        var contents = PackageLayout.Read(local);
        var groups = new List<AssetGroupData>();
        foreach (var group in contents.Groups)
        {
            ct.ThrowIfCancellationRequested();
            var folder = group.Framework.GetShortFolderName();
            if (group.IsPlaceholder || group.Assemblies.Count == 0)
            {
                groups.Add(new AssetGroupData(group.Path, KindOf(group), folder, group.IsPlaceholder, [], [], []));
                continue;
            }
            var (resolution, notes) = await ResolutionPathsAsync(contents, group, ct).ConfigureAwait(false);
            var extraction = extractor.Extract(group.Assemblies, resolution, ct);
            groups.Add(new AssetGroupData(group.Path, KindOf(group), folder, false,
                group.Assemblies.Select(Path.GetFileName).ToList()!,
                extraction.Apis,
                extraction.Problems.Select(Describe).ToList(),
                notes));
        }
        var dependencies = contents.DependencyGroups
            .SelectMany(g => g.Dependencies.Select(d => new DependencyData(g.Framework.GetShortFolderName(), d.Id, d.Range.ToNormalizedString())))
            .ToList();
        return new PackageVersionData(work.Package, PackageKind.Package, work.Version, null, groups, dependencies);
    }

    /// <summary>
    /// Where Cecil may resolve references while extracting a group: the group itself, the compile assets of the
    /// package's dependencies and the TFM's reference pack. What cannot be had is returned as notes, not errors:
    /// reading definitions needs no resolution, only following forwarders and enum-typed attribute arguments do,
    /// and the extractor reports each of those it cannot resolve.
    /// </summary>
    private async Task<(IReadOnlyList<string> Paths, IReadOnlyList<string> Notes)> ResolutionPathsAsync(PackageContents contents, AssetGroup group, CancellationToken ct)
    {
        var own = group.Assemblies.Select(a => Path.GetDirectoryName(a)!).Distinct().ToList();
        try
        {
            var set = await references.BuildForAssetGroupAsync(contents, group, ct).ConfigureAwait(false);
            return ([.. own, .. set.AllAssemblyPaths], set.Problems);
        }
        catch (Exception e) when (e is PackageUnavailableException or NotSupportedException or InvalidOperationException)
        {
            return (own, [$"resolution context incomplete: {e.Message}"]);
        }
    }

    private async Task<PackageVersionData> ExtractFrameworkAsync(FrameworkWork work, CancellationToken ct)
    {
        var pack = await packs.ResolveAsync(work.Framework, work.Request.AspNetCore, ct).ConfigureAwait(false);
        var resolution = new List<string> { pack.Directory };
        if (work.Request.AspNetCore)
            resolution.Add((await packs.ResolveAsync(work.Framework, aspNetCore: false, ct).ConfigureAwait(false)).Directory);
        var extraction = extractor.Extract(pack.Assemblies, resolution, ct);
        // A reference pack's compatibility facades (mscorlib, netstandard) forward some types to assemblies the pack
        // does not have (System.Security.Permissions, Microsoft.Win32.Registry): those types are simply not part of
        // that framework. That is a fact about the framework, kept as a note, not a failure to read it.
        var group = new AssetGroupData($"ref/{work.Version}", "framework", work.Version, false,
            pack.Assemblies.Select(Path.GetFileName).ToList()!, extraction.Apis,
            [.. extraction.Problems.Where(p => p.Kind != ExtractionProblemKind.UnresolvedForwarder).Select(Describe)],
            [.. extraction.Problems.Where(p => p.Kind == ExtractionProblemKind.UnresolvedForwarder).Select(Describe)]);
        return new PackageVersionData(work.Package, PackageKind.Framework, work.Version, $"{pack.PackId} {pack.PackVersion.ToNormalizedString()}", [group], []);
    }

    private static string Describe(ExtractionProblem problem) => $"{Path.GetFileName(problem.AssemblyPath)}: {problem.Message}";

    private static string KindOf(AssetGroup group) => group.Kind == AssetKind.Ref ? "ref" : "lib";

    private static string Describe(UnavailableReason reason) => reason switch
    {
        UnavailableReason.NotServed => "not served",
        UnavailableReason.Corrupt => "corrupt package",
        UnavailableReason.Network => "network error",
        _ => reason.ToString(),
    };
}
