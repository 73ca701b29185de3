using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Packages;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Tests.Extraction;

/// <summary>
/// Real package files for the extraction tests, installed through the indexer's own feed component (the user's
/// NuGet configuration, the NuGet global packages folder), plus the net8.0 reference pack it resolves.
/// </summary>
public sealed class PackageFiles : IAsyncLifetime
{
    /// <summary>Packages the tests read; versions the feed serves (see nuget.tsv).</summary>
    private static readonly (string Id, string Version)[] Downloads =
    [
        ("Newtonsoft.Json", "13.0.3"),
        ("Newtonsoft.Json", "9.0.1"),
        ("Serilog", "4.4.0"),
    ];

    private readonly Dictionary<string, string> _folders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>…/microsoft.netcore.app.ref/8.0.x/ref/net8.0</c>: the net8.0 reference assemblies.</summary>
    public string Net8RefPack { get; private set; } = "";

    public IReadOnlyList<string> Net8RefPackAssemblies => Directory.GetFiles(Net8RefPack, "*.dll").Order(StringComparer.Ordinal).ToList();

    public async Task InitializeAsync()
    {
        using var feed = PackageFeed.FromConfiguration();
        foreach (var (id, version) in Downloads)
        {
            var local = await feed.EnsurePackageAsync(id, NuGetVersion.Parse(version), CancellationToken.None);
            _folders[$"{id}/{version}"] = local.Directory;
        }
        var pack = await new FrameworkPacks(feed).ResolveAsync(NuGetFramework.Parse("net8.0"), aspNetCore: false, CancellationToken.None);
        Net8RefPack = pack.Directory;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The folder of an installed package version: <c>{global}/newtonsoft.json/13.0.3</c>.</summary>
    public string Package(string id, string version) =>
        _folders.TryGetValue($"{id}/{version}", out var folder)
            ? folder
            : throw new InvalidOperationException($"{id} {version} is not installed; add it to {nameof(PackageFiles)}.{nameof(Downloads)}");

    /// <summary>A file inside a package: <c>Package("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll")</c>.</summary>
    public string Package(string id, string version, string relativePath)
    {
        var path = Path.Combine(Package(id, version), relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} does not exist");
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class PackageFilesCollection : ICollectionFixture<PackageFiles>
{
    public const string Name = "extraction packages";
}
