using ApiTruth.Indexer.Packages;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace ApiTruth.Tests.Packages;

public sealed class ReferenceSetBuilderTests(FeedFixture fixture) : IClassFixture<FeedFixture>
{
    private static readonly NuGetFramework Net8 = NuGetFramework.Parse("net8.0");

    [Fact]
    public async Task A_sink_brings_Serilog_transitively_at_the_lowest_served_version_in_range()
    {
        var set = await fixture.Builder.BuildAsync(Net8, [Pin("Serilog.Sinks.Console", "6.0.0")], aspNetCore: false, CancellationToken.None);

        Assert.Empty(set.Problems);
        var sink = set.Packages[0];
        Assert.Equal("Serilog.Sinks.Console", sink.Contents.Package.Id);
        Assert.False(sink.IsTransitive);
        Assert.Equal("lib/net8.0", sink.CompileGroup?.Path);

        // The sink asks for Serilog >= 4.0.0; restore takes the lowest served version in that range.
        var serilog = Assert.Single(set.Packages, package => package.Contents.Package.Id == "Serilog");
        Assert.True(serilog.IsTransitive);
        Assert.Equal(NuGetVersion.Parse("4.0.0"), serilog.Contents.Package.Version);
        Assert.Equal("lib/net8.0", serilog.CompileGroup?.Path);

        var names = set.AllAssemblyPaths.Select(Path.GetFileName).ToList();
        Assert.Contains("Serilog.dll", names);
        Assert.Contains("Serilog.Sinks.Console.dll", names);
        Assert.Contains("System.Runtime.dll", names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(set.AllAssemblyPaths, path => Assert.True(File.Exists(path), path));
    }

    [Fact]
    public async Task A_pinned_version_wins_over_the_dependency_range()
    {
        var set = await fixture.Builder.BuildAsync(
            Net8,
            [Pin("Serilog.Sinks.Console", "6.0.0"), Pin("Serilog", "4.2.0")],
            aspNetCore: false,
            CancellationToken.None);

        var serilog = Assert.Single(set.Packages, package => package.Contents.Package.Id == "Serilog");
        Assert.False(serilog.IsTransitive);
        Assert.Equal(NuGetVersion.Parse("4.2.0"), serilog.Contents.Package.Version);
        Assert.Empty(set.Problems);
    }

    [Fact]
    public async Task A_pin_below_a_dependency_range_is_reported()
    {
        var set = await fixture.Builder.BuildAsync(
            Net8,
            [Pin("Serilog.Sinks.Console", "6.0.0"), Pin("Serilog", "3.1.1")],
            aspNetCore: false,
            CancellationToken.None);

        Assert.Equal(NuGetVersion.Parse("3.1.1"), set.Packages.Single(package => package.Contents.Package.Id == "Serilog").Contents.Package.Version);
        var problem = Assert.Single(set.Problems);
        Assert.Contains("Serilog 3.1.1 is pinned", problem);
    }

    [Fact]
    public async Task An_incompatible_package_is_a_problem_not_a_crash()
    {
        var set = await fixture.Builder.BuildAsync(
            FrameworkConstants.CommonFrameworks.NetStandard20,
            [Pin("Microsoft.EntityFrameworkCore.Abstractions", "8.0.30")],
            aspNetCore: false,
            CancellationToken.None);

        var package = Assert.Single(set.Packages);
        Assert.Null(package.CompileGroup);
        Assert.Equal("Microsoft.EntityFrameworkCore.Abstractions 8.0.30 has no assets compatible with netstandard2.0.", Assert.Single(set.Problems));
        Assert.Contains(set.AllAssemblyPaths, path => Path.GetFileName(path) == "netstandard.dll");
    }

    [Fact]
    public async Task Old_contract_packages_are_left_to_the_framework()
    {
        // Newtonsoft.Json 9.0.1 has no net6.0 folder: on net8.0 it uses netstandard1.0 and its dependencies are the
        // System.* contract packages of 2016, which the net8.0 pack supersedes (its PackageOverrides).
        var set = await fixture.Builder.BuildAsync(Net8, [Pin("Newtonsoft.Json", "9.0.1")], aspNetCore: false, CancellationToken.None);

        Assert.Empty(set.Problems);
        Assert.Equal("lib/netstandard1.0", set.Packages[0].CompileGroup?.Path);
        Assert.Contains(set.ProvidedByFramework, identity => identity.Id == "System.Runtime");
        Assert.Contains(set.ProvidedByFramework, identity => identity.Id == "Microsoft.CSharp");
        var names = set.AllAssemblyPaths.Select(Path.GetFileName).ToList();
        Assert.Single(names, name => name == "System.Runtime.dll");
        Assert.Single(names, name => name == "Newtonsoft.Json.dll");
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task A_newer_package_copy_of_a_framework_assembly_replaces_the_frameworks()
    {
        var set = await fixture.Builder.BuildAsync(Net8, [Pin("System.Text.Json", "9.0.0")], aspNetCore: false, CancellationToken.None);

        var packageCopy = Assert.Single(set.Packages[0].CompileGroup!.Assemblies);
        var frameworkCopy = Assert.Single(set.Framework.Assemblies, path => Path.GetFileName(path) == "System.Text.Json.dll");
        Assert.Contains(packageCopy, set.AllAssemblyPaths);
        Assert.DoesNotContain(frameworkCopy, set.AllAssemblyPaths);
        Assert.Contains(frameworkCopy, set.SupersededAssemblies);
        Assert.Single(set.AllAssemblyPaths, path => Path.GetFileName(path) == "System.Text.Json.dll");
    }

    [Fact]
    public async Task A_package_with_an_AspNetCore_framework_reference_brings_the_AspNetCore_pack()
    {
        var set = await fixture.Builder.BuildAsync(Net8, [Pin("Microsoft.AspNetCore.OpenApi", "8.0.31")], aspNetCore: false, CancellationToken.None);

        Assert.Empty(set.Problems);
        var aspNet = Assert.Single(set.SharedFrameworks);
        Assert.Equal("Microsoft.AspNetCore.App", aspNet.FrameworkName);
        Assert.Equal("net8.0", aspNet.Moniker);
        Assert.Contains(set.AllAssemblyPaths, path => Path.GetFileName(path) == "Microsoft.AspNetCore.Http.Abstractions.dll");

        // Microsoft.OpenApi comes in at the lowest served version its nuspec range allows.
        var range = set.Packages[0].Contents.DependencyGroups
            .Single(group => group.Framework == Net8).Dependencies
            .Single(dependency => dependency.Id == "Microsoft.OpenApi").Range;
        var openApi = Assert.Single(set.Packages, package => package.Contents.Package.Id == "Microsoft.OpenApi");
        Assert.True(openApi.IsTransitive);
        var served = await fixture.Feed.ListVersionsAsync("Microsoft.OpenApi", CancellationToken.None);
        Assert.Equal(served.Where(v => range.Satisfies(v) && !v.IsPrerelease).Min(), openApi.Contents.Package.Version);
    }

    [Fact]
    public async Task Pinning_one_package_at_two_versions_is_bad_input()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Builder.BuildAsync(
            Net8,
            [Pin("Serilog", "4.0.0"), Pin("serilog", "4.2.0")],
            aspNetCore: false,
            CancellationToken.None));

        Assert.Contains("pinned twice", error.Message);
    }

    private static PackageIdentity Pin(string id, string version) => new(id, NuGetVersion.Parse(version));
}
