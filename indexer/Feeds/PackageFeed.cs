using System.Security.Cryptography;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Packaging.Signing;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Feeds;

/// <summary>
/// The package sources of the user's NuGet configuration, exactly as <c>dotnet restore</c> sees them, and the
/// global packages folder that restore and ApiTruth share. Listings and installs are cached for the lifetime
/// of the instance; the instance is safe to use from several threads.
/// </summary>
internal sealed class PackageFeed : IDisposable
{
    private readonly IReadOnlyList<SourceRepository> _sources;
    private readonly PackageSourceMapping _sourceMapping;
    private readonly VersionFolderPathResolver _globalFolder;
    private readonly IReadOnlyList<VersionFolderPathResolver> _fallbackFolders;
    private readonly PackageExtractionContext _extractionContext;
    private readonly SourceCacheContext _cacheContext = new();
    private readonly FeedRetryPolicy _retry;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly AsyncCache<SourceRepository, FindPackageByIdResource> _finders = new();
    private readonly AsyncCache<string, ServedVersions> _versions = new(StringComparer.OrdinalIgnoreCase);
    private readonly AsyncCache<PackageIdentity, LocalPackage> _installs = new();
    private int _downloads;

    private PackageFeed(ISettings settings, FeedRetryPolicy retry, string? packagesFolder, bool offline)
    {
        _retry = retry;
        IsOffline = offline;
        _sources = new PackageSourceProvider(settings)
            .LoadPackageSources()
            .Where(source => source.IsEnabled)
            .Select(source => Repository.Factory.GetCoreV3(source))
            .ToList();
        _sourceMapping = PackageSourceMapping.GetPackageSourceMapping(settings);
        GlobalPackagesFolder = Path.TrimEndingDirectorySeparator(
            Path.GetFullPath(packagesFolder ?? SettingsUtility.GetGlobalPackagesFolder(settings)));
        _globalFolder = new VersionFolderPathResolver(GlobalPackagesFolder);
        _fallbackFolders = SettingsUtility.GetFallbackPackageFolders(settings)
            .Select(folder => new VersionFolderPathResolver(folder))
            .ToList();

        // The same save mode and signature policy restore uses, so a package installed here is one restore accepts.
        _extractionContext = new PackageExtractionContext(
            PackageSaveMode.Defaultv3,
            XmlDocFileSaveMode.None,
            ClientPolicyContext.GetClientPolicy(settings, _logger),
            _logger);
    }

    /// <summary>
    /// Loads the NuGet configuration that applies to <paramref name="rootDirectory"/> (NuGet.Config files from
    /// there up to the file-system root, then the user's and the machine-wide ones), like restore in that folder.
    /// </summary>
    /// <param name="rootDirectory">Where restore would run; the current directory by default.</param>
    /// <param name="retry">Retries of operations that failed for network reasons; <see cref="FeedRetryPolicy.Default"/> by default.</param>
    /// <param name="packagesFolder">Like <c>dotnet restore --packages</c>: a packages folder used instead of the
    /// configured global one (which NUGET_PACKAGES or the globalPackagesFolder setting decide).</param>
    /// <param name="offline">Use only packages already in the packages folders: "served" then means "installed", and
    /// nothing is downloaded (a missing package is <see cref="UnavailableReason.Offline"/>).</param>
    public static PackageFeed FromConfiguration(
        string? rootDirectory = null,
        FeedRetryPolicy? retry = null,
        string? packagesFolder = null,
        bool offline = false)
    {
        var root = Path.GetFullPath(rootDirectory ?? Directory.GetCurrentDirectory());
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"NuGet configuration root '{root}' does not exist.");
        }

        var settings = Settings.LoadDefaultSettings(root);
        return new PackageFeed(settings, retry ?? FeedRetryPolicy.Default, packagesFolder, offline);
    }

    /// <summary>Where restore extracts packages (respects NUGET_PACKAGES and the globalPackagesFolder setting).</summary>
    public string GlobalPackagesFolder { get; }

    /// <summary>Whether only installed packages are used (see <see cref="FromConfiguration"/>).</summary>
    public bool IsOffline { get; }

    /// <summary>Names of the enabled package sources, in configuration order.</summary>
    public IReadOnlyList<string> SourceNames => _sources.Select(source => source.PackageSource.Name).ToList();

    /// <summary>How many packages this instance downloaded and extracted (packages found installed do not count).</summary>
    public int DownloadCount => Volatile.Read(ref _downloads);

    /// <summary>
    /// Every version any enabled source serves, in NuGet version order, without duplicates.
    /// An id that no source knows gives an empty list.
    /// </summary>
    public async Task<IReadOnlyList<NuGetVersion>> ListVersionsAsync(string packageId, CancellationToken ct)
    {
        ValidateId(packageId);
        var served = await GetServedVersionsAsync(packageId, ct).ConfigureAwait(false);
        return served.All;
    }

    /// <summary>
    /// Makes sure the package is extracted in the global packages folder, in restore's layout, and returns it.
    /// Already installed (here or in a fallback folder): no network, the nupkg is checked against its recorded hash.
    /// </summary>
    /// <exception cref="PackageUnavailableException">Not served, corrupt, or the sources cannot be reached.</exception>
    public async Task<LocalPackage> EnsurePackageAsync(string packageId, NuGetVersion version, CancellationToken ct)
    {
        ValidateId(packageId);
        ArgumentNullException.ThrowIfNull(version);
        var identity = new PackageIdentity(packageId, version);
        return await _installs.GetAsync(identity, key => InstallAsync(key, _lifetime.Token), ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        _cacheContext.Dispose();
    }

    private static void ValidateId(string packageId)
    {
        if (!PackageIdValidator.IsValidPackageId(packageId))
        {
            throw new ArgumentException($"'{packageId}' is not a valid NuGet package id.", nameof(packageId));
        }
    }

    private async Task<LocalPackage> InstallAsync(PackageIdentity identity, CancellationToken ct)
    {
        if (FindInstalled(identity) is { } installed)
        {
            return await VerifyInstalledAsync(identity, installed, ct).ConfigureAwait(false);
        }

        if (IsOffline)
        {
            throw new PackageUnavailableException(
                UnavailableReason.Offline,
                identity.Id,
                identity.Version,
                $"{identity.Id} {identity.Version.ToNormalizedString()} is not in the global packages folder ({GlobalPackagesFolder}), and offline nothing is downloaded.");
        }

        var served = await GetServedVersionsAsync(identity.Id, ct).ConfigureAwait(false);
        var source = served.SourceServing(identity.Version);
        if (source is null)
        {
            var what = served.All.Count == 0 ? identity.Id : $"{identity.Id} {identity.Version.ToNormalizedString()}";
            throw new PackageUnavailableException(
                UnavailableReason.NotServed,
                identity.Id,
                identity.Version,
                $"{what} is not served by the configured package sources ({string.Join(", ", SourceNames)}).");
        }

        await WithRetryAsync(identity.Id, identity.Version, async () =>
        {
            var finder = await GetFinderAsync(source, ct).ConfigureAwait(false);
            using var downloader = await finder
                .GetPackageDownloaderAsync(identity, _cacheContext, _logger, ct)
                .ConfigureAwait(false);
            if (downloader is null)
            {
                throw new PackageUnavailableException(
                    UnavailableReason.NotServed,
                    identity.Id,
                    identity.Version,
                    $"{identity.Id} {identity.Version.ToNormalizedString()} is listed by {source.PackageSource.Name} but could not be found there.");
            }

            try
            {
                var extracted = await PackageExtractor
                    .InstallFromSourceAsync(identity, downloader, _globalFolder, _extractionContext, ct)
                    .ConfigureAwait(false);
                if (extracted)
                {
                    Interlocked.Increment(ref _downloads);
                }
            }
            catch (Exception exception) when (FeedFailures.Classify(exception) == UnavailableReason.Corrupt)
            {
                await RemoveIncompleteInstallAsync(identity).ConfigureAwait(false);
                throw;
            }

            return true;
        }, ct).ConfigureAwait(false);

        return ToLocalPackage(identity, _globalFolder);
    }

    /// <summary>A folder restore considers complete: its .nupkg.metadata is written last.</summary>
    /// <summary>The versions of a package installed in the global or a fallback folder, in order.</summary>
    private List<NuGetVersion> InstalledVersions(string packageId)
    {
        var versions = new HashSet<NuGetVersion>();
        foreach (var folder in new[] { _globalFolder }.Concat(_fallbackFolders))
        {
            var packageFolder = Path.Combine(folder.RootPath, packageId.ToLowerInvariant());
            if (!Directory.Exists(packageFolder)) continue;
            foreach (var directory in Directory.EnumerateDirectories(packageFolder))
            {
                if (NuGetVersion.TryParse(Path.GetFileName(directory), out var version)
                    && File.Exists(folder.GetNupkgMetadataPath(packageId, version)))
                    versions.Add(version);
            }
        }
        return versions.Order().ToList();
    }

    private VersionFolderPathResolver? FindInstalled(PackageIdentity identity) =>
        new[] { _globalFolder }
            .Concat(_fallbackFolders)
            .FirstOrDefault(folder => File.Exists(folder.GetNupkgMetadataPath(identity.Id, identity.Version)));

    private async Task<LocalPackage> VerifyInstalledAsync(
        PackageIdentity identity,
        VersionFolderPathResolver folder,
        CancellationToken ct)
    {
        var nupkg = folder.GetPackageFilePath(identity.Id, identity.Version);
        var hashFile = folder.GetHashPath(identity.Id, identity.Version);

        // Restore can be configured not to keep the nupkg; then there is nothing to hash.
        if (File.Exists(nupkg) && File.Exists(hashFile))
        {
            var expected = (await File.ReadAllTextAsync(hashFile, ct).ConfigureAwait(false)).Trim();
            string actual;
            await using (var stream = File.OpenRead(nupkg))
            {
                actual = Convert.ToBase64String(await SHA512.HashDataAsync(stream, ct).ConfigureAwait(false));
            }

            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new PackageUnavailableException(
                    UnavailableReason.Corrupt,
                    identity.Id,
                    identity.Version,
                    $"{identity.Id} {identity.Version.ToNormalizedString()}: {nupkg} does not match the hash in {Path.GetFileName(hashFile)}; delete {folder.GetInstallPath(identity.Id, identity.Version)} to download it again.");
            }
        }

        return ToLocalPackage(identity, folder);
    }

    private static LocalPackage ToLocalPackage(PackageIdentity identity, VersionFolderPathResolver folder)
    {
        var directory = folder.GetInstallPath(identity.Id, identity.Version);
        var nuspecPath = folder.GetManifestFilePath(identity.Id, identity.Version);
        try
        {
            // The folder name is lower case; the nuspec keeps the id as the author spelled it.
            var nuspec = new NuspecReader(nuspecPath);
            return new LocalPackage(nuspec.GetId(), identity.Version, directory);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new PackageUnavailableException(
                UnavailableReason.Corrupt,
                identity.Id,
                identity.Version,
                $"{identity.Id} {identity.Version.ToNormalizedString()}: cannot read {nuspecPath}: {FeedFailures.Describe(exception)}",
                exception);
        }
    }

    /// <summary>
    /// NuGet leaves the half-extracted folder of a package it could not read; remove it (under the same lock
    /// restore takes) so the global packages folder only holds complete packages.
    /// </summary>
    private async Task RemoveIncompleteInstallAsync(PackageIdentity identity)
    {
        var directory = _globalFolder.GetInstallPath(identity.Id, identity.Version);
        var marker = _globalFolder.GetNupkgMetadataPath(identity.Id, identity.Version);
        try
        {
            await ConcurrencyUtilities.ExecuteWithFileLockedAsync(
                _globalFolder.GetPackageFilePath(identity.Id, identity.Version),
                _ =>
                {
                    if (Directory.Exists(directory) && !File.Exists(marker))
                    {
                        Directory.Delete(directory, recursive: true);

                        // The id folder too, unless other versions live there.
                        var idFolder = Path.GetDirectoryName(directory);
                        if (idFolder is not null && !Directory.EnumerateFileSystemEntries(idFolder).Any())
                        {
                            Directory.Delete(idFolder);
                        }
                    }

                    return Task.FromResult(true);
                },
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Best effort: restore itself cleans such a folder before its next extraction.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<ServedVersions> GetServedVersionsAsync(string packageId, CancellationToken ct) =>
        _versions.GetAsync(packageId, id => LoadServedVersionsAsync(id, _lifetime.Token), ct);

    private async Task<ServedVersions> LoadServedVersionsAsync(string packageId, CancellationToken ct)
    {
        if (IsOffline) return new ServedVersions(InstalledVersions(packageId), []);
        var sources = SourcesFor(packageId);
        var perSource = await Task.WhenAll(sources.Select(source => WithRetryAsync(packageId, null, async () =>
        {
            var finder = await GetFinderAsync(source, ct).ConfigureAwait(false);
            var versions = await finder.GetAllVersionsAsync(packageId, _cacheContext, _logger, ct).ConfigureAwait(false);
            return (Source: source, Versions: versions.ToHashSet());
        }, ct))).ConfigureAwait(false);

        var all = perSource.SelectMany(entry => entry.Versions).Distinct().Order().ToList();
        return new ServedVersions(all, perSource);
    }

    /// <summary>Package source mapping, when configured, limits which sources may serve an id (as in restore).</summary>
    private IReadOnlyList<SourceRepository> SourcesFor(string packageId)
    {
        if (!_sourceMapping.IsEnabled)
        {
            return _sources;
        }

        var allowed = _sourceMapping.GetConfiguredPackageSources(packageId);
        return _sources
            .Where(source => allowed.Contains(source.PackageSource.Name, StringComparer.OrdinalIgnoreCase))
            .ToList();
    }

    private Task<FindPackageByIdResource> GetFinderAsync(SourceRepository source, CancellationToken ct) =>
        _finders.GetAsync(source, key => key.GetResourceAsync<FindPackageByIdResource>(_lifetime.Token), ct);

    private async Task<T> WithRetryAsync<T>(
        string packageId,
        NuGetVersion? version,
        Func<Task<T>> operation,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (PackageUnavailableException)
            {
                throw;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception) when (FeedFailures.Classify(exception) is { } reason)
            {
                if (reason == UnavailableReason.Network && attempt < _retry.Attempts)
                {
                    await Task.Delay(_retry.DelayBefore(attempt + 1), ct).ConfigureAwait(false);
                    continue;
                }

                var what = version is null ? packageId : $"{packageId} {version.ToNormalizedString()}";
                var detail = reason == UnavailableReason.Network
                    ? $"the package sources could not be reached after {attempt} attempt(s)"
                    : "the package is damaged";
                throw new PackageUnavailableException(
                    reason,
                    packageId,
                    version,
                    $"{what}: {detail}: {FeedFailures.Describe(exception)}",
                    exception);
            }
        }
    }

    private sealed record ServedVersions(
        IReadOnlyList<NuGetVersion> All,
        IReadOnlyList<(SourceRepository Source, HashSet<NuGetVersion> Versions)> PerSource)
    {
        /// <summary>The first source, in configuration order, that lists the version (restore's preference too).</summary>
        public SourceRepository? SourceServing(NuGetVersion version) =>
            PerSource.FirstOrDefault(entry => entry.Versions.Contains(version)).Source;
    }
}
