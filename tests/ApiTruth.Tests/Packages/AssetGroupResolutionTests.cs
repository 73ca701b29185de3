using ApiTruth.Indexer.Packages;
using NuGet.Versioning;

namespace ApiTruth.Tests.Packages;

/// <summary>The search path an assembly resolver gets for one asset group of a package (extraction.md §2).</summary>
public sealed class AssetGroupResolutionTests(FeedFixture fixture) : IClassFixture<FeedFixture>
{
    [Fact]
    public void The_SDKs_NETStandard_conflict_overrides_are_read_from_the_installed_SDK()
    {
        var overrides = SdkPackageConflictOverrides.LoadNetStandard();

        Assert.Equal(NuGetVersion.Parse("4.3.0"), overrides["System.Runtime"]);
        Assert.Equal(NuGetVersion.Parse("4.3.0"), overrides["System.Xml.XmlDocument"]);
    }

    [Fact]
    public async Task A_netstandard1_3_group_resolves_against_netstandard2_0_and_its_dependencies()
    {
        var json = await fixture.ReadAsync("Newtonsoft.Json", "13.0.3");
        var group = json.Groups.Single(g => g.Path == "lib/netstandard1.3");

        var set = await fixture.Builder.BuildForAssetGroupAsync(json, group, CancellationToken.None);

        Assert.Equal("netstandard2.0", set.Framework.Moniker);
        Assert.Same(group, set.Packages[0].CompileGroup);
        Assert.Empty(set.Problems);

        // The System.* contracts of 2016 are the netstandard2.0 facades' business (the SDK's overrides list them).
        Assert.Contains(set.ProvidedByFramework, identity => identity.Id == "System.Xml.XmlDocument");
        Assert.DoesNotContain(set.Packages, package => package.Contents.Package.Id == "System.Xml.XmlDocument");
        var paths = set.AllAssemblyPaths.ToList();
        Assert.Contains(group.Assemblies[0], paths);
        Assert.Single(paths, path => Path.GetFileName(path) == "System.Runtime.dll");
        Assert.Single(paths, path => Path.GetFileName(path) == "netstandard.dll");
    }

    [Fact]
    public async Task A_group_gets_the_compile_assets_of_its_declared_dependencies()
    {
        var sink = await fixture.ReadAsync("Serilog.Sinks.Console", "6.0.0");
        var group = sink.Groups.Single(g => g.Path == "lib/netstandard2.0");

        var set = await fixture.Builder.BuildForAssetGroupAsync(sink, group, CancellationToken.None);

        Assert.Empty(set.Problems);
        var serilog = Assert.Single(set.Packages, package => package.Contents.Package.Id == "Serilog");
        Assert.Equal("lib/netstandard2.0", serilog.CompileGroup?.Path);
        Assert.Contains(serilog.CompileGroup!.Assemblies[0], set.AllAssemblyPaths);
    }
}
