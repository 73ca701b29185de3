using System.Diagnostics;
using System.Text.Json;

namespace ApiTruth.Tests.Extraction;

/// <summary>
/// Real package files for the extraction tests, taken from the NuGet global packages folder after a
/// <c>dotnet restore</c> of a scratch project (through the user's NuGet configuration, like any restore).
/// The scratch project targets net8.0, which also makes the SDK download the net8.0 reference pack.
/// This is the only place the extraction tests get packages from: swap it for the indexer's feed component
/// once that exists.
/// </summary>
public sealed class PackageFiles
{
    /// <summary>Packages the tests read; versions the feed serves (see nuget.tsv).</summary>
    private static readonly (string Id, string Version)[] Downloads =
    [
        ("Newtonsoft.Json", "13.0.3"),
        ("Newtonsoft.Json", "9.0.1"),
        ("Serilog", "4.4.0"),
    ];

    public PackageFiles()
    {
        var folder = Path.Combine(Path.GetTempPath(), "apitruth-tests", "extraction-packages");
        Directory.CreateDirectory(folder);
        var downloads = string.Join(Environment.NewLine, Downloads.GroupBy(d => d.Id).Select(g =>
            $"    <PackageDownload Include=\"{g.Key}\" Version=\"{string.Join(";", g.Select(d => "[" + d.Version + "]"))}\" />"));
        File.WriteAllText(Path.Combine(folder, "scratch.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
            {downloads}
              </ItemGroup>
            </Project>
            """);
        Restore(folder);

        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "obj", "project.assets.json")));
        GlobalPackagesFolder = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        Net8RefPack = FindNet8RefPack(assets.RootElement);
    }

    /// <summary>The NuGet global packages folder restore used.</summary>
    public string GlobalPackagesFolder { get; }

    /// <summary><c>…/microsoft.netcore.app.ref/8.0.x/ref/net8.0</c>: the net8.0 reference assemblies.</summary>
    public string Net8RefPack { get; }

    public IReadOnlyList<string> Net8RefPackAssemblies => Directory.GetFiles(Net8RefPack, "*.dll").Order(StringComparer.Ordinal).ToList();

    /// <summary>The folder of an extracted package version: <c>{global}/newtonsoft.json/13.0.3</c>.</summary>
    public string Package(string id, string version)
    {
        var path = Path.Combine(GlobalPackagesFolder, id.ToLowerInvariant(), version.ToLowerInvariant());
        if (!Directory.Exists(path)) throw new InvalidOperationException($"{id} {version} is not in {GlobalPackagesFolder}; add it to {nameof(PackageFiles)}.{nameof(Downloads)}");
        return path;
    }

    /// <summary>A file inside a package: <c>Package("Newtonsoft.Json", "13.0.3", "lib/net6.0/Newtonsoft.Json.dll")</c>.</summary>
    public string Package(string id, string version, string relativePath)
    {
        var path = Path.Combine(Package(id, version), relativePath.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path)) throw new InvalidOperationException($"{path} does not exist");
        return path;
    }

    private static void Restore(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add("scratch.csproj");
        // The test host runs under MSBuild's environment; a nested restore must pick its own SDK settings.
        foreach (var name in new[] { "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet restore");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("dotnet restore of the test packages did not finish in 5 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet restore of the test packages failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
    }

    // The SDK downloads the targeting pack as a restore "download dependency" when it is not installed with the
    // SDK; when it is installed, it lives under the dotnet root's packs folder.
    private string FindNet8RefPack(JsonElement assets)
    {
        var framework = assets.GetProperty("project").GetProperty("frameworks").EnumerateObject().First().Value;
        if (framework.TryGetProperty("downloadDependencies", out var downloads))
        {
            foreach (var download in downloads.EnumerateArray())
            {
                if (download.GetProperty("name").GetString() != "Microsoft.NETCore.App.Ref") continue;
                var version = download.GetProperty("version").GetString()!.Trim('[', ']').Split(',')[0].Trim();
                var path = Path.Combine(GlobalPackagesFolder, "microsoft.netcore.app.ref", version, "ref", "net8.0");
                if (Directory.Exists(path)) return path;
            }
        }
        var dotnetRoot = Path.GetDirectoryName(Environment.ProcessPath) ?? "";
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var installed = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, "8.0.*").Select(d => Path.Combine(d, "ref", "net8.0")).Where(Directory.Exists).LastOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException("the net8.0 reference pack (Microsoft.NETCore.App.Ref 8.0.x) was not restored");
    }
}

[CollectionDefinition(Name)]
public sealed class PackageFilesCollection : ICollectionFixture<PackageFiles>
{
    public const string Name = "extraction packages";
}
