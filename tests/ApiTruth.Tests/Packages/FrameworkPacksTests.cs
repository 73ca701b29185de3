using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Packages;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Tests.Packages;

public sealed class FrameworkPacksTests(FeedFixture fixture) : IClassFixture<FeedFixture>
{
    [Fact]
    public async Task Net8_resolves_to_the_newest_served_Microsoft_NETCore_App_Ref_8()
    {
        // Without the SDK's packs folder, so the pack always comes from the feed whatever SDK is installed.
        var packs = new FrameworkPacks(fixture.Feed, sdkPacksFolder: null);

        var pack = await packs.ResolveAsync(NuGetFramework.Parse("net8.0"), aspNetCore: false, CancellationToken.None);

        Assert.Equal("net8.0", pack.Moniker);
        Assert.Equal("Microsoft.NETCore.App", pack.FrameworkName);
        Assert.Equal("Microsoft.NETCore.App.Ref", pack.PackId);
        Assert.Equal((8, 0), (pack.PackVersion.Major, pack.PackVersion.Minor));
        var served = await fixture.Feed.ListVersionsAsync("Microsoft.NETCore.App.Ref", CancellationToken.None);
        Assert.Equal(served.Where(v => v.Major == 8 && !v.IsPrerelease).Max(), pack.PackVersion);
        Assert.False(pack.FromSdk);
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "System.Runtime.dll");
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "System.Linq.dll");
        Assert.All(pack.Assemblies, path => Assert.True(File.Exists(path), path));
        Assert.EndsWith(Path.Combine("ref", "net8.0"), pack.Directory);

        // data/PackageOverrides.txt: the framework supersedes the old System.Runtime package.
        Assert.True(pack.Supersedes("System.Runtime", NuGetVersion.Parse("4.3.0")));
        Assert.False(pack.Supersedes("Newtonsoft.Json", NuGetVersion.Parse("13.0.3")));
    }

    [Fact]
    public async Task NetStandard20_resolves_to_NETStandard_Library_2_0_3()
    {
        var pack = await fixture.Packs.ResolveAsync(FrameworkConstants.CommonFrameworks.NetStandard20, aspNetCore: false, CancellationToken.None);

        Assert.Equal("netstandard2.0", pack.Moniker);
        Assert.Equal("NETStandard.Library", pack.PackId);
        Assert.Equal(NuGetVersion.Parse("2.0.3"), pack.PackVersion);
        Assert.EndsWith(Path.Combine("build", "netstandard2.0", "ref"), pack.Directory);
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "netstandard.dll");
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "mscorlib.dll");
    }

    [Fact]
    public async Task NetStandard21_resolves_to_NETStandard_Library_Ref()
    {
        var pack = await fixture.Packs.ResolveAsync(FrameworkConstants.CommonFrameworks.NetStandard21, aspNetCore: false, CancellationToken.None);

        Assert.Equal("NETStandard.Library.Ref", pack.PackId);
        Assert.Equal(NuGetVersion.Parse("2.1.0"), pack.PackVersion);
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "netstandard.dll");
    }

    [Fact]
    public async Task Net472_resolves_to_the_NETFramework_reference_assemblies_with_facades()
    {
        var pack = await fixture.Packs.ResolveAsync(NuGetFramework.Parse("net472"), aspNetCore: false, CancellationToken.None);

        Assert.Equal("net472", pack.Moniker);
        Assert.Equal(".NETFramework", pack.FrameworkName);
        Assert.Equal("Microsoft.NETFramework.ReferenceAssemblies.net472", pack.PackId);
        Assert.EndsWith(Path.Combine("build", ".NETFramework", "v4.7.2"), pack.Directory);
        Assert.Contains(Path.Combine(pack.Directory, "mscorlib.dll"), pack.Assemblies);
        Assert.Contains(Path.Combine(pack.Directory, "Facades", "netstandard.dll"), pack.Assemblies);

        var set = await fixture.Builder.BuildAsync(NuGetFramework.Parse("net472"), [new("Newtonsoft.Json", NuGetVersion.Parse("13.0.3"))], aspNetCore: false, CancellationToken.None);
        Assert.Equal("lib/net45", set.Packages[0].CompileGroup?.Path);
        Assert.Empty(set.Problems);
    }

    [Fact]
    public async Task The_SDKs_own_pack_is_preferred_when_it_has_that_version()
    {
        var sdkPacks = DotnetInstallation.FindPacksFolder();
        Assert.NotNull(sdkPacks);
        var sdkVersions = Directory.GetDirectories(Path.Combine(sdkPacks, "Microsoft.NETCore.App.Ref"))
            .Select(folder => NuGetVersion.Parse(Path.GetFileName(folder)))
            .ToList();
        var newest = sdkVersions.Max()!;
        var framework = new NuGetFramework(FrameworkConstants.FrameworkIdentifiers.NetCoreApp, new Version(newest.Major, newest.Minor));

        var pack = await fixture.Packs.ResolveAsync(framework, aspNetCore: false, CancellationToken.None);

        Assert.True(pack.FromSdk);
        Assert.Equal(newest, pack.PackVersion);
        Assert.StartsWith(sdkPacks, pack.Directory);
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "System.Runtime.dll");
    }

    [Fact]
    public async Task Net7_is_not_served_and_says_so()
    {
        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => fixture.Packs.ResolveAsync(NuGetFramework.Parse("net7.0"), aspNetCore: false, CancellationToken.None));

        Assert.Equal(UnavailableReason.NotServed, error.Reason);
        Assert.Contains("Microsoft.NETCore.App.Ref 7.0.x", error.Message);
    }

    [Fact]
    public async Task A_framework_without_a_reference_pack_is_not_supported()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => fixture.Packs.ResolveAsync(NuGetFramework.Parse("netcoreapp2.1"), aspNetCore: false, CancellationToken.None));

        Assert.Contains("netcoreapp2.1", error.Message);
    }

    [Fact]
    public async Task A_reference_pack_named_as_a_package_gives_its_framework()
    {
        var pack = await fixture.Packs.ResolvePackAsync("Microsoft.NETCore.App.Ref", NuGetVersion.Parse("8.0.0"), CancellationToken.None);

        Assert.Equal("net8.0", pack.Moniker);
        Assert.Equal(NuGetVersion.Parse("8.0.0"), pack.PackVersion);
        Assert.Contains(pack.Assemblies, path => Path.GetFileName(path) == "System.Runtime.dll");
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Packs.ResolvePackAsync("Newtonsoft.Json", NuGetVersion.Parse("13.0.3"), CancellationToken.None));
    }

    [Fact]
    public async Task Assets_of_frameworks_without_a_pack_resolve_against_a_superset()
    {
        var forNetStandard13 = await fixture.Packs.ResolveForAssetsAsync(NuGetFramework.Parse("netstandard1.3"), CancellationToken.None);
        Assert.Equal("netstandard2.0", forNetStandard13.Moniker);

        var forPortable = await fixture.Packs.ResolveForAssetsAsync(NuGetFramework.Parse("portable-net45+win8+wpa81"), CancellationToken.None);
        Assert.Equal("netstandard2.0", forPortable.Moniker);

        Assert.Equal(
            ["net451", "net452", "net46", "net461"],
            FrameworkPacks.ResolutionCandidates(NuGetFramework.Parse("net451")).Take(4).Select(framework => framework.GetShortFolderName()));
        Assert.Equal(
            ["net7.0", "net8.0"],
            FrameworkPacks.ResolutionCandidates(NuGetFramework.Parse("net7.0")).Take(2).Select(framework => framework.GetShortFolderName()));
    }
}
