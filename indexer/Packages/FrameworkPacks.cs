using ApiTruth.Indexer.Feeds;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// Finds the reference pack of a target framework, so frameworks are indexed and compiled against like packages:
/// <list type="bullet">
/// <item>net5.0 … net10.0 (and netcoreapp3.0/3.1): Microsoft.NETCore.App.Ref, or Microsoft.AspNetCore.App.Ref for
/// ASP.NET Core. The .NET SDK's own copy (dotnet/packs) when it has that major.minor, else the newest stable patch
/// the feed serves.</item>
/// <item>netstandard2.0: NETStandard.Library 2.0.3, build/netstandard2.0/ref. netstandard2.1: NETStandard.Library.Ref.</item>
/// <item>net4x: Microsoft.NETFramework.ReferenceAssemblies.net4x (with its Facades).</item>
/// </list>
/// Results are cached per instance.
/// </summary>
internal sealed class FrameworkPacks
{
    public const string NetCoreAppName = "Microsoft.NETCore.App";
    public const string AspNetCoreAppName = "Microsoft.AspNetCore.App";
    public const string NetStandardName = "NETStandard.Library";
    public const string NetFrameworkName = ".NETFramework";

    public const string NetCoreAppRefId = "Microsoft.NETCore.App.Ref";
    public const string AspNetCoreAppRefId = "Microsoft.AspNetCore.App.Ref";
    public const string NetStandard20Id = "NETStandard.Library";
    public const string NetStandard21Id = "NETStandard.Library.Ref";
    public const string NetFrameworkRefIdPrefix = "Microsoft.NETFramework.ReferenceAssemblies.";

    private static readonly NuGetVersion PreferredNetStandard20Version = new(2, 0, 3);

    // Every .NET Framework version Microsoft published a reference-assembly package for.
    private static readonly string[] NetFrameworkPackMonikers =
        ["net20", "net35", "net40", "net45", "net451", "net452", "net46", "net461", "net462", "net47", "net471", "net472", "net48", "net481"];

    private readonly PackageFeed _feed;
    private readonly string? _sdkPacksFolder;
    private readonly IReadOnlyDictionary<string, NuGetVersion> _sdkOverrides;
    private readonly AsyncCache<string, FrameworkPack> _cache = new(StringComparer.OrdinalIgnoreCase);

    public FrameworkPacks(PackageFeed feed)
        : this(feed, DotnetInstallation.FindPacksFolder(), SdkPackageConflictOverrides.LoadNetStandard())
    {
    }

    /// <param name="feed">Where packs come from when the SDK does not have them.</param>
    /// <param name="sdkPacksFolder">The .NET installation's packs folder, or null to always use the feed.</param>
    /// <param name="sdkOverrides">Package overrides the SDK applies to every framework (its NETStandard.Library list),
    /// merged into each pack's own <see cref="FrameworkPack.PackageOverrides"/>.</param>
    public FrameworkPacks(PackageFeed feed, string? sdkPacksFolder, IReadOnlyDictionary<string, NuGetVersion>? sdkOverrides = null)
    {
        _feed = feed;
        _sdkPacksFolder = sdkPacksFolder;
        _sdkOverrides = sdkOverrides ?? new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True for the ids of the reference packs this class understands (for "index a pack named as a package").</summary>
    public static bool IsReferencePackId(string packageId) =>
        packageId.Equals(NetCoreAppRefId, StringComparison.OrdinalIgnoreCase)
        || packageId.Equals(AspNetCoreAppRefId, StringComparison.OrdinalIgnoreCase)
        || packageId.Equals(NetStandard20Id, StringComparison.OrdinalIgnoreCase)
        || packageId.Equals(NetStandard21Id, StringComparison.OrdinalIgnoreCase)
        || packageId.StartsWith(NetFrameworkRefIdPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The reference pack a project targeting <paramref name="framework"/> compiles against.</summary>
    /// <exception cref="NotSupportedException">No reference pack exists for that framework (e.g. netcoreapp2.1, netstandard1.3).</exception>
    /// <exception cref="PackageUnavailableException">The pack exists, but the feed serves no fitting version.</exception>
    public Task<FrameworkPack> ResolveAsync(NuGetFramework framework, bool aspNetCore, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var key = $"{framework.GetShortFolderName()}|{(aspNetCore ? "aspnet" : "")}";
        return _cache.GetAsync(key, _ => ResolveCoreAsync(framework, aspNetCore), ct);
    }

    /// <summary>A reference pack named as a package, e.g. Microsoft.NETCore.App.Ref 8.0.0.</summary>
    /// <exception cref="ArgumentException">The id is not a known reference pack.</exception>
    public Task<FrameworkPack> ResolvePackAsync(string packId, NuGetVersion version, CancellationToken ct)
    {
        if (!IsReferencePackId(packId))
        {
            throw new ArgumentException(
                $"'{packId}' is not a framework reference pack (known: {NetCoreAppRefId}, {AspNetCoreAppRefId}, {NetStandard20Id}, {NetStandard21Id}, {NetFrameworkRefIdPrefix}net4x).",
                nameof(packId));
        }

        return _cache.GetAsync($"pack|{packId}|{version.ToNormalizedString()}", _ => ResolveNamedPackAsync(packId, version), ct);
    }

    /// <summary>
    /// The pack to resolve the references of assets built for <paramref name="assetFramework"/> (Cecil's resolver
    /// needs the framework the assembly was compiled against, not the tool's own runtime). Frameworks without a pack
    /// map to the nearest one that has a superset of their contracts: netstandard1.x to netstandard2.0,
    /// netcoreapp1.x/2.x to netcoreapp3.x, net451 to the next served .NET Framework pack, portable and other
    /// legacy frameworks to netstandard2.0 (which carries facades for mscorlib and the System.Runtime contracts).
    /// </summary>
    public async Task<FrameworkPack> ResolveForAssetsAsync(NuGetFramework assetFramework, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(assetFramework);
        PackageUnavailableException? lastUnavailable = null;
        foreach (var candidate in ResolutionCandidates(assetFramework))
        {
            try
            {
                return await ResolveAsync(candidate, aspNetCore: false, ct).ConfigureAwait(false);
            }
            catch (PackageUnavailableException exception) when (exception.Reason == UnavailableReason.NotServed)
            {
                lastUnavailable = exception;
            }
        }

        throw lastUnavailable ?? new PackageUnavailableException(
            UnavailableReason.NotServed,
            NetStandard20Id,
            null,
            $"no reference pack is served to resolve assets built for {assetFramework.GetShortFolderName()}.");
    }

    /// <summary>The frameworks whose packs can resolve assets of <paramref name="assetFramework"/>, best first.</summary>
    public static IReadOnlyList<NuGetFramework> ResolutionCandidates(NuGetFramework assetFramework)
    {
        var identifier = assetFramework.Framework;
        var version = assetFramework.Version;

        if (identifier == FrameworkConstants.FrameworkIdentifiers.NetCoreApp)
        {
            if (version.Major < 3)
            {
                return [FrameworkConstants.CommonFrameworks.NetCoreApp30, FrameworkConstants.CommonFrameworks.NetCoreApp31, FrameworkConstants.CommonFrameworks.NetStandard20];
            }

            // The same version first, then newer ones (supersets), then older ones.
            var exact = new NuGetFramework(identifier, new Version(version.Major, version.Minor));
            var newer = Enumerable.Range(version.Major + 1, 6).Where(major => major != 4).Select(major => new NuGetFramework(identifier, new Version(major, 0)));
            var older = Enumerable.Range(5, Math.Max(0, version.Major - 5)).Reverse().Select(major => new NuGetFramework(identifier, new Version(major, 0)));
            return [exact, .. newer, .. older];
        }

        if (identifier == FrameworkConstants.FrameworkIdentifiers.NetStandard)
        {
            return version >= new Version(2, 1)
                ? [FrameworkConstants.CommonFrameworks.NetStandard21, FrameworkConstants.CommonFrameworks.NetCoreApp30]
                : [FrameworkConstants.CommonFrameworks.NetStandard20];
        }

        if (identifier == FrameworkConstants.FrameworkIdentifiers.Net)
        {
            var packs = NetFrameworkPackMonikers.Select(NuGetFramework.Parse).ToList();
            var atLeast = packs.Where(pack => pack.Version >= version).OrderBy(pack => pack.Version);
            var below = packs.Where(pack => pack.Version < version).OrderByDescending(pack => pack.Version);
            return [.. atLeast, .. below];
        }

        return [FrameworkConstants.CommonFrameworks.NetStandard20];
    }

    private async Task<FrameworkPack> ResolveCoreAsync(NuGetFramework framework, bool aspNetCore)
    {
        var identifier = framework.Framework;
        var version = framework.Version;
        var moniker = framework.GetShortFolderName();

        if (identifier == FrameworkConstants.FrameworkIdentifiers.NetCoreApp && version.Major >= 3)
        {
            // A platform-specific framework (net8.0-windows) compiles against the same base pack.
            var baseFramework = new NuGetFramework(identifier, new Version(version.Major, version.Minor));
            return await ResolveNetCoreAsync(baseFramework, aspNetCore).ConfigureAwait(false);
        }

        if (aspNetCore)
        {
            throw new NotSupportedException(
                $"ASP.NET Core has no reference pack for {moniker}; it needs netcoreapp3.0 or later (net5.0+).");
        }

        if (identifier == FrameworkConstants.FrameworkIdentifiers.NetStandard && version == new Version(2, 0, 0, 0))
        {
            var served = await _feed.ListVersionsAsync(NetStandard20Id, CancellationToken.None).ConfigureAwait(false);
            var pick = served.Contains(PreferredNetStandard20Version)
                ? PreferredNetStandard20Version
                : Newest(served.Where(v => v.Major == 2 && v.Minor == 0))
                    ?? throw NotServed(NetStandard20Id, "2.0.x", moniker);
            return await FromFeedAsync(NetStandard20Id, pick, NetStandardName, "netstandard2.0", "build/netstandard2.0/ref")
                .ConfigureAwait(false);
        }

        if (identifier == FrameworkConstants.FrameworkIdentifiers.NetStandard && version == new Version(2, 1, 0, 0))
        {
            var served = await _feed.ListVersionsAsync(NetStandard21Id, CancellationToken.None).ConfigureAwait(false);
            var pick = Newest(served.Where(v => v.Major == 2 && v.Minor == 1)) ?? throw NotServed(NetStandard21Id, "2.1.x", moniker);
            return await FromFeedAsync(NetStandard21Id, pick, NetStandardName, "netstandard2.1", "ref/netstandard2.1")
                .ConfigureAwait(false);
        }

        if (identifier == FrameworkConstants.FrameworkIdentifiers.Net && NetFrameworkPackMonikers.Contains(moniker))
        {
            var packId = NetFrameworkRefIdPrefix + moniker;
            var served = await _feed.ListVersionsAsync(packId, CancellationToken.None).ConfigureAwait(false);
            var pick = Newest(served) ?? throw NotServed(packId, "any version", moniker);
            return await FromNetFrameworkPackAsync(packId, pick, moniker).ConfigureAwait(false);
        }

        throw new NotSupportedException(
            $"{moniker} has no reference pack ApiTruth can use (supported: net5.0 and later, netcoreapp3.0/3.1, netstandard2.0/2.1, net4x).");
    }

    private async Task<FrameworkPack> ResolveNetCoreAsync(NuGetFramework framework, bool aspNetCore)
    {
        var packId = aspNetCore ? AspNetCoreAppRefId : NetCoreAppRefId;
        var frameworkName = aspNetCore ? AspNetCoreAppName : NetCoreAppName;
        var moniker = framework.GetShortFolderName();
        var major = framework.Version.Major;
        var minor = framework.Version.Minor;

        if (FindSdkPack(packId, moniker, v => v.Major == major && v.Minor == minor) is { } sdkPack)
        {
            return ToPack(moniker, frameworkName, packId, sdkPack.Version, sdkPack.Root, $"ref/{moniker}") with { FromSdk = true };
        }

        var served = await _feed.ListVersionsAsync(packId, CancellationToken.None).ConfigureAwait(false);
        var pick = Newest(served.Where(v => v.Major == major && v.Minor == minor))
            ?? throw NotServed(packId, $"{major}.{minor}.x", moniker);
        return await FromFeedAsync(packId, pick, frameworkName, moniker, $"ref/{moniker}").ConfigureAwait(false);
    }

    private async Task<FrameworkPack> ResolveNamedPackAsync(string packId, NuGetVersion version)
    {
        if (packId.Equals(NetCoreAppRefId, StringComparison.OrdinalIgnoreCase)
            || packId.Equals(AspNetCoreAppRefId, StringComparison.OrdinalIgnoreCase))
        {
            var canonicalId = packId.Equals(NetCoreAppRefId, StringComparison.OrdinalIgnoreCase) ? NetCoreAppRefId : AspNetCoreAppRefId;
            var frameworkName = canonicalId == NetCoreAppRefId ? NetCoreAppName : AspNetCoreAppName;
            string root;
            var fromSdk = false;
            if (FindSdkPack(canonicalId, moniker: null, v => v == version) is { } sdkPack)
            {
                root = sdkPack.Root;
                fromSdk = true;
            }
            else
            {
                root = (await _feed.EnsurePackageAsync(canonicalId, version, CancellationToken.None).ConfigureAwait(false)).Directory;
            }

            // The pack has exactly one ref/<tfm> folder, which names the framework version it describes.
            var refFolders = Directory.Exists(Path.Combine(root, "ref"))
                ? Directory.GetDirectories(Path.Combine(root, "ref"))
                : [];
            if (refFolders.Length != 1)
            {
                throw new PackageUnavailableException(
                    UnavailableReason.Corrupt,
                    canonicalId,
                    version,
                    $"{canonicalId} {version.ToNormalizedString()} does not have exactly one ref/<framework> folder.");
            }

            var moniker = Path.GetFileName(refFolders[0]);
            return ToPack(moniker, frameworkName, canonicalId, version, root, $"ref/{moniker}") with { FromSdk = fromSdk };
        }

        if (packId.Equals(NetStandard20Id, StringComparison.OrdinalIgnoreCase))
        {
            if (version.Major != 2)
            {
                throw new NotSupportedException(
                    $"{NetStandard20Id} {version.ToNormalizedString()} is a meta-package of separate contract packages, not a reference pack; only 2.x carries netstandard.dll.");
            }

            return await FromFeedAsync(NetStandard20Id, version, NetStandardName, "netstandard2.0", "build/netstandard2.0/ref")
                .ConfigureAwait(false);
        }

        if (packId.Equals(NetStandard21Id, StringComparison.OrdinalIgnoreCase))
        {
            return await FromFeedAsync(NetStandard21Id, version, NetStandardName, "netstandard2.1", "ref/netstandard2.1")
                .ConfigureAwait(false);
        }

        var frameworkMoniker = packId[NetFrameworkRefIdPrefix.Length..].ToLowerInvariant();
        return await FromNetFrameworkPackAsync(NetFrameworkRefIdPrefix + frameworkMoniker, version, frameworkMoniker)
            .ConfigureAwait(false);
    }

    private async Task<FrameworkPack> FromFeedAsync(
        string packId,
        NuGetVersion version,
        string frameworkName,
        string moniker,
        string assemblyFolder)
    {
        var local = await _feed.EnsurePackageAsync(packId, version, CancellationToken.None).ConfigureAwait(false);
        return ToPack(moniker, frameworkName, local.Id, version, local.Directory, assemblyFolder);
    }

    private async Task<FrameworkPack> FromNetFrameworkPackAsync(string packId, NuGetVersion version, string moniker)
    {
        var local = await _feed.EnsurePackageAsync(packId, version, CancellationToken.None).ConfigureAwait(false);

        // build/.NETFramework/v4.7.2/ holds the assemblies, its Facades/ folder the contract facades.
        var frameworkRoot = Path.Combine(local.Directory, "build", NetFrameworkName);
        var versionFolders = Directory.Exists(frameworkRoot) ? Directory.GetDirectories(frameworkRoot, "v*") : [];
        if (versionFolders.Length != 1)
        {
            throw new PackageUnavailableException(
                UnavailableReason.Corrupt,
                packId,
                version,
                $"{packId} {version.ToNormalizedString()} does not have exactly one build/{NetFrameworkName}/v<version> folder.");
        }

        var pack = ToPack(moniker, NetFrameworkName, local.Id, version, local.Directory, Path.GetRelativePath(local.Directory, versionFolders[0]));
        var facades = Path.Combine(pack.Directory, "Facades");
        return Directory.Exists(facades)
            ? pack with { Assemblies = [.. pack.Assemblies, .. ListAssemblies(facades)] }
            : pack;
    }

    private FrameworkPack ToPack(
        string moniker,
        string frameworkName,
        string packId,
        NuGetVersion version,
        string packRoot,
        string assemblyFolder)
    {
        var directory = Path.GetFullPath(Path.Combine(packRoot, assemblyFolder));
        if (!Directory.Exists(directory))
        {
            throw new PackageUnavailableException(
                UnavailableReason.Corrupt,
                packId,
                version,
                $"{packId} {version.ToNormalizedString()} has no {assemblyFolder} folder (in {packRoot}).");
        }

        var overrides = ReadPackageOverrides(Path.Combine(packRoot, "data", "PackageOverrides.txt"));
        foreach (var (id, upTo) in _sdkOverrides)
        {
            if (!overrides.TryGetValue(id, out var existing) || existing < upTo)
            {
                overrides[id] = upTo;
            }
        }

        return new FrameworkPack(moniker, frameworkName, packId, version, directory, ListAssemblies(directory))
        {
            PackageOverrides = overrides,
        };
    }

    private static List<string> ListAssemblies(string directory) =>
        Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Lines of the form <c>System.Text.Json|8.0.0</c>.</summary>
    private static Dictionary<string, NuGetVersion> ReadPackageOverrides(string path)
    {
        var overrides = new Dictionary<string, NuGetVersion>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return overrides;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Length > 0 && NuGetVersion.TryParse(parts[1], out var version))
            {
                overrides[parts[0]] = version;
            }
        }

        return overrides;
    }

    /// <summary>The newest version in the SDK's packs/&lt;id&gt; folder that matches and has the wanted ref/ folder.</summary>
    private (NuGetVersion Version, string Root)? FindSdkPack(string packId, string? moniker, Func<NuGetVersion, bool> accept)
    {
        if (_sdkPacksFolder is null)
        {
            return null;
        }

        var packFolder = Path.Combine(_sdkPacksFolder, packId);
        if (!Directory.Exists(packFolder))
        {
            return null;
        }

        return Directory.GetDirectories(packFolder)
            .Select(root => (Root: root, Parsed: NuGetVersion.TryParse(Path.GetFileName(root), out var v) ? v : null))
            .Where(entry => entry.Parsed is not null && accept(entry.Parsed))
            .Where(entry => moniker is null || Directory.Exists(Path.Combine(entry.Root, "ref", moniker)))
            .OrderByDescending(entry => entry.Parsed)
            .Select(entry => ((NuGetVersion Version, string Root)?)(entry.Parsed!, entry.Root))
            .FirstOrDefault();
    }

    /// <summary>The newest stable version, else the newest prerelease.</summary>
    private static NuGetVersion? Newest(IEnumerable<NuGetVersion> versions)
    {
        var list = versions.ToList();
        return list.Where(v => !v.IsPrerelease).DefaultIfEmpty().Max() ?? list.DefaultIfEmpty().Max();
    }

    private static PackageUnavailableException NotServed(string packId, string wanted, string moniker) =>
        new(
            UnavailableReason.NotServed,
            packId,
            null,
            $"{moniker}: the configured package sources serve no {packId} {wanted}.");
}
