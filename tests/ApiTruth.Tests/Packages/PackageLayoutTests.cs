using ApiTruth.Indexer.Feeds;
using ApiTruth.Indexer.Packages;
using ApiTruth.Tests.Feeds;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Tests.Packages;

public sealed class PackageLayoutTests(FeedFixture fixture) : IClassFixture<FeedFixture>
{
    [Fact]
    public async Task Newtonsoft_Json_13_0_3_has_one_lib_group_per_framework_folder()
    {
        var contents = await fixture.ReadAsync("Newtonsoft.Json", "13.0.3");

        Assert.Equal(
            ["lib/net20", "lib/net35", "lib/net40", "lib/net45", "lib/net6.0", "lib/netstandard1.0", "lib/netstandard1.3", "lib/netstandard2.0"],
            contents.Groups.Select(group => group.Path));
        Assert.All(contents.Groups, group =>
        {
            Assert.Equal(AssetKind.Lib, group.Kind);
            Assert.False(group.IsPlaceholder);
            var assembly = Assert.Single(group.Assemblies);
            Assert.Equal("Newtonsoft.Json.dll", Path.GetFileName(assembly));
            Assert.True(File.Exists(assembly), assembly);
            Assert.StartsWith(contents.Package.Directory, assembly);
        });
        Assert.Equal(NuGetFramework.Parse("net6.0"), contents.Groups.Single(group => group.Path == "lib/net6.0").Framework);
        Assert.Equal(FrameworkConstants.CommonFrameworks.NetStandard20, contents.Groups.Single(group => group.Path == "lib/netstandard2.0").Framework);
    }

    [Fact]
    public async Task Nuspec_dependency_groups_are_read_per_framework()
    {
        var contents = await fixture.ReadAsync("Newtonsoft.Json", "13.0.3");

        var netstandard10 = contents.DependencyGroups.Single(group => group.Framework == FrameworkConstants.CommonFrameworks.NetStandard10);
        var csharp = netstandard10.Dependencies.Single(dependency => dependency.Id == "Microsoft.CSharp");
        Assert.Equal(VersionRange.Parse("4.3.0"), csharp.Range);
        Assert.Empty(contents.DependencyGroups.Single(group => group.Framework == NuGetFramework.Parse("net6.0")).Dependencies);
        Assert.Empty(contents.FrameworkReferences);
        Assert.Equal(["Dependency"], contents.PackageTypes);
    }

    [Fact]
    public async Task A_package_with_ref_and_lib_has_groups_of_both_kinds_and_placeholders()
    {
        var contents = await fixture.ReadAsync("System.Runtime", "4.3.0");

        var refGroup = contents.Groups.Single(group => group.Path == "ref/netstandard1.5");
        Assert.Equal(AssetKind.Ref, refGroup.Kind);
        Assert.Equal("System.Runtime.dll", Path.GetFileName(Assert.Single(refGroup.Assemblies)));
        var libGroup = contents.Groups.Single(group => group.Path == "lib/net462");
        Assert.Equal(AssetKind.Lib, libGroup.Kind);

        // ref/net45/_._: on .NET Framework 4.5 the framework itself provides System.Runtime.
        var placeholder = contents.Groups.Single(group => group.Path == "ref/net45");
        Assert.True(placeholder.IsPlaceholder);
        Assert.Empty(placeholder.Assemblies);
    }

    [Fact]
    public async Task A_reference_pack_has_package_type_DotnetPlatform_and_installs_like_any_package()
    {
        var contents = await fixture.ReadAsync("NETStandard.Library.Ref", "2.1.0");

        Assert.Contains("DotnetPlatform", contents.PackageTypes);
        var group = Assert.Single(contents.Groups);
        Assert.Equal("ref/netstandard2.1", group.Path);
        Assert.Contains(group.Assemblies, path => Path.GetFileName(path) == "netstandard.dll");
        Assert.True(File.Exists(Path.Combine(contents.Package.Directory, ".nupkg.metadata")));
    }

    [Fact]
    public async Task The_nuspec_references_filter_and_root_lib_assemblies_are_applied_as_restore_does()
    {
        using var temp = new TempDirectory();
        var feed = temp.Combine("feed");
        TestFeeds.WriteNuGetConfig(temp.Path, temp.Combine("packages"), new Dictionary<string, string> { ["local"] = feed });
        const string references = """
            <references>
              <group targetFramework="net8.0"><reference file="Api.dll" /></group>
              <group targetFramework="netstandard2.0"><reference file="Api.dll" /><reference file="Helpers.dll" /></group>
            </references>
            """;
        var nupkg = temp.Combine("build", "filtered.1.0.0.nupkg");
        TestFeeds.WriteNupkg(nupkg, "Filtered", "1.0.0", new Dictionary<string, string>
        {
            ["lib/net8.0/Api.dll"] = "",
            ["lib/net8.0/Internal.dll"] = "",
            ["lib/netstandard2.0/Api.dll"] = "",
            ["lib/netstandard2.0/Helpers.dll"] = "",
            ["lib/netstandard2.0/de/Api.resources.dll"] = "",
            ["lib/Legacy.dll"] = "",
        }, references);
        TestFeeds.AddToV3Feed(feed, "Filtered", "1.0.0", File.ReadAllBytes(nupkg), TestFeeds.Nuspec("Filtered", "1.0.0", references));
        using var localFeed = PackageFeed.FromConfiguration(temp.Path, packagesFolder: temp.Combine("packages"));

        var contents = PackageLayout.Read(await localFeed.EnsurePackageAsync("Filtered", NuGetVersion.Parse("1.0.0"), CancellationToken.None));

        Assert.Equal(["Api.dll"], FileNames(contents, "lib/net8.0"));
        Assert.Equal(["Api.dll", "Helpers.dll"], FileNames(contents, "lib/netstandard2.0"));

        // Assemblies directly in lib/ are .NET Framework assets of any version, as NuGet reads them.
        var root = contents.Groups.Single(group => group.Path == "lib");
        Assert.Equal(["Legacy.dll"], root.Assemblies.Select(Path.GetFileName));
        Assert.Equal(FrameworkConstants.FrameworkIdentifiers.Net, root.Framework.Framework);
    }

    [Fact]
    public void An_unreadable_nuspec_is_Corrupt()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.Combine("broken.nuspec"), "<package><metadata><id>Broken</id>");
        var package = new LocalPackage("Broken", NuGetVersion.Parse("1.0.0"), temp.Path);

        var error = Assert.Throws<PackageUnavailableException>(() => PackageLayout.Read(package));

        Assert.Equal(UnavailableReason.Corrupt, error.Reason);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IEnumerable<string?> FileNames(PackageContents contents, string groupPath) =>
        contents.Groups.Single(group => group.Path == groupPath).Assemblies.Select(Path.GetFileName);
}
