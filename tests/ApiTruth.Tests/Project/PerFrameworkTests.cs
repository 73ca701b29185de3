using ApiTruth.Checker;
using ApiTruth.Checker.Binding;
using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Project;

namespace ApiTruth.Tests.Project;

/// <summary>
/// A multi-targeted project is checked per inner build, as the compiler sees each: a PackageReference under a
/// framework condition belongs to that framework only, and the SDK's framework symbols pick the <c>#if</c> branch.
/// Reproduces CsvHelper (net8.0;netstandard2.0 with Microsoft.Bcl.HashCode for netstandard2.0), where project
/// mode used the first framework's pins and no SDK symbols for every framework and flagged HashCode as missing.
/// </summary>
public sealed class PerFrameworkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("apitruth-multi-").FullName;
    private readonly ApiTruth.Indexer.Feeds.PackageFeed _feed = ApiTruth.Indexer.Feeds.PackageFeed.FromConfiguration();

    public PerFrameworkTests()
    {
        File.WriteAllText(Path.Combine(_root, "Multi.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks><LangVersion>latest</LangVersion></PropertyGroup>
              <ItemGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
                <PackageReference Include="Microsoft.Bcl.HashCode" Version="1.1.1" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_root, "Hashing.cs"), """
            namespace Multi;

            public static class Hashing
            {
                public static int Of(string a, int b) => System.HashCode.Combine(a, b);

            #if NET8_0_OR_GREATER
                public static bool HasX(string s) => s.Contains('x');
            #else
                public static bool HasX(string s) => s.IndexOf('x') >= 0;
            #endif
            }
            """);
    }

    public void Dispose()
    {
        _feed.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Each_framework_gets_its_own_conditional_packages_and_SDK_symbols()
    {
        var resolver = new FeedReferenceResolver(_feed);
        var result = await new ProjectCheck(new ApiChecker(resolver), resolver)
            .RunAsync(new ProjectCheckRequest(Path.Combine(_root, "Multi.csproj")), CancellationToken.None);

        Assert.Empty(result.Problems);
        var net8 = Assert.Single(result.Reports, r => r.Report.Framework == "net8.0").Report;
        var standard = Assert.Single(result.Reports, r => r.Report.Framework == "netstandard2.0").Report;
        Assert.DoesNotContain(net8.Findings, f => f.Verdict.IsProblem());
        Assert.DoesNotContain(standard.Findings, f => f.Verdict.IsProblem());

        // netstandard2.0 has no System.HashCode of its own: the conditional package provides it, and only there.
        Assert.Contains(standard.Packages, p => p.Id == "Microsoft.Bcl.HashCode" && p.Version == "1.1.1");
        Assert.DoesNotContain(net8.Packages, p => p.Id == "Microsoft.Bcl.HashCode");
        Assert.Contains(standard.Findings, f => f.Name == "Combine" && f.Verdict == Verdict.Exists && f.Package == "Microsoft.Bcl.HashCode");

        // NET8_0_OR_GREATER holds for net8.0 only: string.Contains(char) is checked there, IndexOf in netstandard2.0.
        Assert.Contains(net8.Findings, f => f.Name == "Contains" && f.Verdict == Verdict.Exists);
        Assert.DoesNotContain(net8.Findings, f => f.Name == "IndexOf");
        Assert.Contains(standard.Findings, f => f.Name == "IndexOf" && f.Verdict == Verdict.Exists);
        Assert.DoesNotContain(standard.Findings, f => f.Name == "Contains");
    }
}
