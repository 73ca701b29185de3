using System.Diagnostics;
using ApiTruth.Checker.Input;

namespace ApiTruth.Tests.Checker;

/// <summary>Where pins come from: the command line, the snippet, the project file, central package management, the restored assets.</summary>
[Collection(CheckerCollection.Name)]
public sealed class PinSourceTests(CheckerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apitruth-pins-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Project_file_gives_frameworks_web_sdk_and_package_references()
    {
        Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup><TargetFrameworks>net6.0;net8.0</TargetFrameworks></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" Version="12.0.3" />
                <PackageReference Include="Dapper"><Version>[2.1.66]</Version></PackageReference>
              </ItemGroup>
            </Project>
            """);
        var pins = ProjectPins.Load(Path.Combine(_dir, "App"));
        Assert.Equal(["net6.0", "net8.0"], pins.TargetFrameworks);
        Assert.True(pins.IsAspNetCore);
        Assert.Contains(pins.Packages, p => p.Id == "Newtonsoft.Json" && p.Version == "12.0.3" && p.Origin == PinOrigin.Project);
        Assert.Contains(pins.Packages, p => p.Id == "Dapper" && p.Version == "2.1.66");
    }

    [Fact]
    public void Central_package_management_with_version_override()
    {
        Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup>
                <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
                <PackageVersion Include="Dapper" Version="2.1.66" />
              </ItemGroup>
            </Project>
            """);
        Write("src/Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Newtonsoft.Json" />
                <PackageReference Include="Dapper" VersionOverride="2.0.123" />
              </ItemGroup>
            </Project>
            """);
        var pins = ProjectPins.Load(Path.Combine(_dir, "src/Lib/Lib.csproj"));
        Assert.False(pins.IsAspNetCore);
        Assert.Contains(pins.Packages, p => p.Id == "Newtonsoft.Json" && p.Version == "13.0.3");
        Assert.Contains(pins.Packages, p => p.Id == "Dapper" && p.Version == "2.0.123");
    }

    [Fact]
    public async Task Restored_assets_give_exact_versions_including_transitive_ones_and_drive_the_check()
    {
        // A floating version in the project file: only the assets file says what was restored.
        var project = Write("Restored/Restored.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><NuGetAudit>false</NuGetAudit></PropertyGroup>
              <ItemGroup><PackageReference Include="Microsoft.Extensions.Logging.Console" Version="8.0.*" /></ItemGroup>
            </Project>
            """);
        Write("Directory.Build.props", "<Project />");
        Write("Directory.Packages.props", "<Project />");
        var restore = Process.Start(new ProcessStartInfo("dotnet", $"restore \"{project}\" -v q") { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await restore.WaitForExitAsync();
        Assert.Equal(0, restore.ExitCode);
        var pins = ProjectPins.Load(project);
        var console = Assert.Single(pins.Packages, p => p.Id == "Microsoft.Extensions.Logging.Console");
        Assert.Equal(PinOrigin.ProjectAssets, console.Origin);
        Assert.False(console.IsTransitive);
        Assert.StartsWith("8.0.", console.Version, StringComparison.Ordinal);
        Assert.Contains(pins.Packages, p => p.Id == "Microsoft.Extensions.Logging.Abstractions" && p.IsTransitive && p.Origin == PinOrigin.ProjectAssets);

        var code = Write("Restored/Program.cs", """
            using Microsoft.Extensions.Logging;
            using var factory = LoggerFactory.Create(b => b.AddConsole().AddSimpleConsolez());
            """);
        var (exit, output, error) = await fixture.RunCliAsync([code, "--project", project, "--format", "msbuild"]);
        Assert.Equal("", error);
        Assert.Equal(1, exit);
        Assert.Contains("AddSimpleConsolez", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AddConsole'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_beats_snippet_directives_beats_the_project()
    {
        var merged = PackagePin.Merge([
            new PackagePin("Newtonsoft.Json", "12.0.3", PinOrigin.Project),
            new PackagePin("newtonsoft.json", "13.0.1", PinOrigin.Directive),
            new PackagePin("Newtonsoft.Json", "13.0.3", PinOrigin.CommandLine),
            new PackagePin("Dapper", "2.1.66", PinOrigin.Project),
        ]);
        Assert.Equal(2, merged.Count);
        Assert.Equal("13.0.3", merged.Single(p => p.Id.Equals("Newtonsoft.Json", StringComparison.OrdinalIgnoreCase)).Version);
    }

    [Fact]
    public async Task A_project_folder_is_checked_file_by_file_with_its_pins_and_the_files_see_each_other()
    {
        Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("Lib/Model.cs", "namespace Lib; public sealed class Model { public int Id { get; set; } }\n");
        Write("Lib/Codec.cs", """
            using Newtonsoft.Json;
            namespace Lib;
            public static class Codec { public static Model Read(string s) => JsonConvert.DeserializeObject<Model>(s)!; }
            """);
        Write("Lib/obj/Ignored.cs", "this is not C#");
        var (exit, output, error) = await fixture.RunCliAsync(["--project", Path.Combine(_dir, "Lib"), "--format", "json"]);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Contains("\"DeserializeObject\"", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Ignored.cs", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verdict\": \"missing\"", output, StringComparison.Ordinal);
    }
}
