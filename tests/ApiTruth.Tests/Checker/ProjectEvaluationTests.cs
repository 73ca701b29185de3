using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;

namespace ApiTruth.Tests.Checker;

/// <summary>Code as the compiler of each target framework sees it: conditions in the project, #if symbols, source generators.</summary>
[Collection(CheckerCollection.Name)]
public sealed class ProjectEvaluationTests(CheckerFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apitruth-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Conditions_decide_frameworks_packages_and_symbols_per_framework()
    {
        Write("Directory.Build.props", "<Project><PropertyGroup><ImplicitUsings>enable</ImplicitUsings></PropertyGroup></Project>");
        var project = Write("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFrameworks Condition=" '$(OS)' == 'Windows_NT' ">net462</TargetFrameworks>
                <TargetFrameworks>$(TargetFrameworks);netstandard2.0;net8.0</TargetFrameworks>
              </PropertyGroup>
              <PropertyGroup Condition="$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net6.0'))">
                <DefineConstants>$(DefineConstants);FEATURE_SPAN</DefineConstants>
              </PropertyGroup>
              <ItemGroup Condition=" '$(TargetFramework)' == 'netstandard2.0' ">
                <PackageReference Include="System.Text.Json" Version="8.0.5" />
              </ItemGroup>
              <ItemGroup><Using Include="System.Text" /></ItemGroup>
            </Project>
            """);
        var pins = ProjectPins.Load(project);
        Assert.Equal(OperatingSystem.IsWindows() ? ["net462", "netstandard2.0", "net8.0"] : ["netstandard2.0", "net8.0"], pins.TargetFrameworks);
        var standard = pins.For("netstandard2.0");
        Assert.Contains(standard.Packages, p => p.Id == "System.Text.Json" && p.Version == "8.0.5");
        Assert.DoesNotContain("FEATURE_SPAN", standard.DefineConstants);
        Assert.True(standard.ImplicitUsings);
        Assert.Contains("System.Text", standard.Usings);
        var net8 = pins.For("net8.0");
        Assert.Empty(net8.Packages);
        Assert.Contains("FEATURE_SPAN", net8.DefineConstants);
    }

    [Fact]
    public void Sdk_symbols_of_a_framework()
    {
        Assert.Contains("NET8_0_OR_GREATER", FrameworkSymbols.For("net8.0"));
        Assert.Contains("NET6_0_OR_GREATER", FrameworkSymbols.For("net8.0"));
        Assert.DoesNotContain("NET9_0_OR_GREATER", FrameworkSymbols.For("net8.0"));
        Assert.Contains("NETSTANDARD2_0", FrameworkSymbols.For("netstandard2.0"));
        Assert.Contains("NET462_OR_GREATER", FrameworkSymbols.For("net472"));
        Assert.Contains("NETFRAMEWORK", FrameworkSymbols.For("net472"));
    }

    [Fact]
    public async Task Code_under_if_is_checked_for_the_framework_that_compiles_it()
    {
        const string code = """
            public static class Dates
            {
            #if NET8_0_OR_GREATER
                public static DateTimeOffset Now() => TimeProvider.System.GetUtcNow();
            #else
                public static DateTimeOffset Now() => DateTimeOffset.UtcNow;
            #endif
            }
            """;
        var net6 = await fixture.CheckAsync(code, "net6.0");
        Assert.Empty(net6.Problems());
        Assert.DoesNotContain(net6.Findings, f => f.Name == "TimeProvider");
        var net8 = await fixture.CheckAsync(code, "net8.0");
        Assert.Equal(Verdict.Exists, net8.At(4, "TimeProvider").Verdict);
    }

    [Fact]
    public async Task Members_a_source_generator_adds_exist()
    {
        // Default and Order come from the System.Text.Json source generator of the net8.0 reference pack.
        var report = await fixture.CheckAsync("""
            using System.Text.Json;
            using System.Text.Json.Serialization;

            namespace Shop;

            public sealed record Order(int Id, decimal Total);

            [JsonSerializable(typeof(Order))]
            public sealed partial class ShopJsonContext : JsonSerializerContext;

            public static class Codec
            {
                public static Order? Read(string json) => JsonSerializer.Deserialize(json, ShopJsonContext.Default.Order);
            }
            """, "net8.0");
        Assert.Empty(report.Problems());
        Assert.Equal(Verdict.Exists, report.At(13, "Deserialize").Verdict);
        Assert.StartsWith("M:System.Text.Json.JsonSerializer.Deserialize``1(System.String,System.Text.Json.Serialization.Metadata.JsonTypeInfo{``0})",
            report.At(13, "Deserialize").Symbol, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referenced_projects_are_context_and_their_packages_flow()
    {
        Write("Core/Core.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("Core/Money.cs", "namespace Core; public readonly record struct Money(decimal Amount, string Currency);\n");
        var app = Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
              <ItemGroup><ProjectReference Include="..\Core\Core.csproj" /></ItemGroup>
            </Project>
            """);
        Write("App/Pay.cs", """
            using Core;
            using Newtonsoft.Json;
            namespace App;
            public static class Pay { public static string Json(Money m) => JsonConvert.SerializeObject(m.Amount); }
            """);
        var (exit, output, error) = await fixture.RunCliAsync(["--project", app, "--format", "json"]);
        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Contains("\"name\": \"SerializeObject\"", output, StringComparison.Ordinal);
    }
}
