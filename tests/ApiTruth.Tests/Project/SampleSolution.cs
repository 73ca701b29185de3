using System.Diagnostics;

namespace ApiTruth.Tests.Project;

/// <summary>
/// A real two-project solution in a temp folder: central package management (Newtonsoft.Json 13.0.3), App
/// referencing Lib, and a root README whose C# sample calls JsonConvert.DeserializeObjectAsync, which 13.0.3 lacks.
/// </summary>
internal sealed class SampleSolution : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("apitruth-sample-").FullName;

    /// <summary>The line and column of <c>DeserializeObjectAsync</c> in README.md.</summary>
    public const int ReadmeLine = 6, ReadmeColumn = 31;

    public SampleSolution()
    {
        Write("Directory.Packages.props", """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><PackageVersion Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
            </Project>
            """);
        Write("src/Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
            </Project>
            """);
        Write("src/Lib/Greeter.cs", """
            namespace Sample.Lib;

            public static class Greeter
            {
                public static string Greet(string name) => $"Hello, {name}";
            }
            """);
        Write("src/App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" /><ProjectReference Include="../Lib/Lib.csproj" /></ItemGroup>
            </Project>
            """);
        Write("src/App/Program.cs", """
            using Newtonsoft.Json;
            using Sample.Lib;

            var text = JsonConvert.SerializeObject(new { Message = Greeter.Greet("world") });
            Console.WriteLine(text);
            """);
        Write("README.md", """
            # Sample

            Deserialize asynchronously:

            ```csharp
            var value = await JsonConvert.DeserializeObjectAsync<Dictionary<string, int>>("{}");
            Console.WriteLine(Greeter.Greet("docs"));
            ```
            """);
        Write("Sample.sln", """

            Microsoft Visual Studio Solution File, Format Version 12.00
            Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "App", "src\App\App.csproj", "{11111111-1111-1111-1111-111111111111}"
            EndProject
            Project("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "Lib", "src\Lib\Lib.csproj", "{22222222-2222-2222-2222-222222222222}"
            EndProject
            Global
            	GlobalSection(SolutionConfigurationPlatforms) = preSolution
            		Debug|Any CPU = Debug|Any CPU
            	EndGlobalSection
            	GlobalSection(ProjectConfigurationPlatforms) = postSolution
            		{11111111-1111-1111-1111-111111111111}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
            		{11111111-1111-1111-1111-111111111111}.Debug|Any CPU.Build.0 = Debug|Any CPU
            		{22222222-2222-2222-2222-222222222222}.Debug|Any CPU.ActiveCfg = Debug|Any CPU
            		{22222222-2222-2222-2222-222222222222}.Debug|Any CPU.Build.0 = Debug|Any CPU
            	EndGlobalSection
            EndGlobal
            """);
    }

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The built apitruth CLI (the test output copies it; else the CLI project's own output).</summary>
    public static string CliDll()
    {
        var here = Path.Combine(AppContext.BaseDirectory, "apitruth.dll");
        if (File.Exists(here) && File.Exists(Path.Combine(AppContext.BaseDirectory, "apitruth.runtimeconfig.json"))) return here;
        var sibling = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "ApiTruth.Cli", Path.GetFileName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)), "apitruth.dll"));
        Assert.True(File.Exists(sibling), $"apitruth.dll not found at {here} or {sibling}");
        return sibling;
    }

    /// <summary>One index for every sample build of a test run (under the test output), so each package is indexed once.</summary>
    public static string TestIndexPath { get; } = Path.Combine(AppContext.BaseDirectory, "test-index", "index.db");

    /// <summary>Runs <c>dotnet</c> with arguments in the sample; returns its exit code and everything it printed.</summary>
    public async Task<(int Exit, string Output)> DotnetAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1"; // no build servers left behind by the tests
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The hook's apitruth reads and fills the tests' own index and result cache, never the user's.
        psi.Environment["APITRUTH_INDEX"] = TestIndexPath;
        psi.Environment["APITRUTH_CACHE"] = Path.Combine(Root, ".apitruth-cache");
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a build server may still hold a file; the temp folder is cleaned by the system
        }
    }
}
