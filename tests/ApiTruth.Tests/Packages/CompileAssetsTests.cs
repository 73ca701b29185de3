using ApiTruth.Indexer.Packages;
using NuGet.Client;
using NuGet.ContentModel;
using NuGet.Frameworks;
using NuGet.RuntimeModel;

namespace ApiTruth.Tests.Packages;

public sealed class CompileAssetsTests(FeedFixture fixture) : IClassFixture<FeedFixture>
{
    [Theory]
    [InlineData("net8.0", "lib/net6.0")]
    [InlineData("netstandard2.0", "lib/netstandard2.0")]
    [InlineData("net472", "lib/net45")]
    [InlineData("netcoreapp2.1", "lib/netstandard2.0")]
    public async Task Newtonsoft_Json_13_0_3_selects_the_nearest_lib_folder(string target, string expected)
    {
        var contents = await fixture.ReadAsync("Newtonsoft.Json", "13.0.3");

        Assert.Equal(expected, CompileAssets.Select(contents.Groups, NuGetFramework.Parse(target))?.Path);
    }

    [Fact]
    public async Task Ref_wins_over_lib_even_when_a_lib_folder_would_fit()
    {
        var runtime = await fixture.ReadAsync("System.Runtime", "4.3.0");
        var csharp = await fixture.ReadAsync("Microsoft.CSharp", "4.7.0");

        var forNet8 = CompileAssets.Select(runtime.Groups, NuGetFramework.Parse("net8.0"));
        Assert.Equal("ref/netstandard1.5", forNet8?.Path);
        Assert.Equal(AssetKind.Ref, forNet8?.Kind);
        Assert.Equal("ref/net462", CompileAssets.Select(runtime.Groups, NuGetFramework.Parse("net472"))?.Path);

        // Microsoft.CSharp has lib/netstandard2.0 too, but compile uses ref/netstandard2.0.
        Assert.Contains(csharp.Groups, group => group.Path == "lib/netstandard2.0");
        Assert.Equal("ref/netstandard2.0", CompileAssets.Select(csharp.Groups, FrameworkConstants.CommonFrameworks.NetStandard20)?.Path);
    }

    [Fact]
    public async Task A_placeholder_group_is_selected_and_contributes_no_assembly()
    {
        var memory = await fixture.ReadAsync("System.Memory", "4.5.5");

        var forNet8 = CompileAssets.Select(memory.Groups, NuGetFramework.Parse("net8.0"));
        Assert.NotNull(forNet8);
        Assert.Equal("ref/netcoreapp2.1", forNet8.Path);
        Assert.True(forNet8.IsPlaceholder);
        Assert.Empty(forNet8.Assemblies);

        var forNet472 = CompileAssets.Select(memory.Groups, NuGetFramework.Parse("net472"));
        Assert.Equal("lib/net461", forNet472?.Path);
        Assert.False(forNet472!.IsPlaceholder);
        Assert.Equal("System.Memory.dll", Path.GetFileName(Assert.Single(forNet472.Assemblies)));
    }

    [Fact]
    public async Task An_incompatible_framework_selects_nothing()
    {
        var sink = await fixture.ReadAsync("Serilog.Sinks.Console", "6.0.0");

        Assert.Null(CompileAssets.Select(sink.Groups, NuGetFramework.Parse("net45")));
        Assert.Null(CompileAssets.SelectDependencies(sink.DependencyGroups, NuGetFramework.Parse("net45")));
    }

    [Fact]
    public async Task Dependency_groups_are_selected_by_nearest_framework()
    {
        var json = await fixture.ReadAsync("Newtonsoft.Json", "13.0.3");

        var forNet8 = CompileAssets.SelectDependencies(json.DependencyGroups, NuGetFramework.Parse("net8.0"));
        Assert.Equal(NuGetFramework.Parse("net6.0"), forNet8?.Framework);
        Assert.Empty(forNet8!.Dependencies);
        var forNetStandard16 = CompileAssets.SelectDependencies(json.DependencyGroups, NuGetFramework.Parse("netstandard1.6"));
        Assert.Equal(NuGetFramework.Parse("netstandard1.3"), forNetStandard16?.Framework);
        Assert.Contains(forNetStandard16!.Dependencies, dependency => dependency.Id == "System.Xml.XmlDocument");
    }

    /// <summary>
    /// The selection agrees with the primitive restore itself calls (ContentItemCollection.FindBestItemGroup over the
    /// ref then lib patterns) on real packages and many targets.
    /// </summary>
    [Fact]
    public async Task Selection_agrees_with_NuGets_own_FindBestItemGroup()
    {
        var conventions = new ManagedCodeConventions(new RuntimeGraph());
        string[] targets = ["net10.0", "net8.0", "net6.0", "netcoreapp3.1", "netcoreapp2.1", "netstandard2.1", "netstandard2.0", "netstandard1.3", "net481", "net472", "net461", "net45", "net40", "net20"];
        var compared = 0;
        foreach (var (id, version) in new[] { ("Newtonsoft.Json", "13.0.3"), ("System.Runtime", "4.3.0"), ("Microsoft.CSharp", "4.7.0"), ("System.Memory", "4.5.5"), ("Serilog.Sinks.Console", "6.0.0") })
        {
            var contents = await fixture.ReadAsync(id, version);
            var items = new ContentItemCollection();
            items.Load(Directory.EnumerateFiles(contents.Package.Directory, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(contents.Package.Directory, path).Replace('\\', '/')));
            foreach (var target in targets)
            {
                var framework = NuGetFramework.Parse(target);
                var nuget = items.FindBestItemGroup(
                    conventions.Criteria.ForFramework(framework),
                    conventions.Patterns.CompileRefAssemblies,
                    conventions.Patterns.CompileLibAssemblies);
                var expected = nuget?.Items[0].Path is { } first ? first[..first.LastIndexOf('/')] : null;

                Assert.True(
                    expected == CompileAssets.Select(contents.Groups, framework)?.Path,
                    $"{id} {version} for {target}: NuGet picks {expected ?? "nothing"}, CompileAssets {CompileAssets.Select(contents.Groups, framework)?.Path ?? "nothing"}");
                compared++;
            }
        }

        Assert.Equal(5 * targets.Length, compared);
    }
}
