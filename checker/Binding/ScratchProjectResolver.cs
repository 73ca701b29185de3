using System.Diagnostics;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using System.Text.Json;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Learns the reference set the way the SDK does: restores and builds a scratch project once per
/// (framework, pins) and records the compile references it used. Slow the first time (a build),
/// then read from its cache folder.
/// </summary>
internal sealed class ScratchProjectResolver(string cacheRoot) : IReferenceResolver
{
    public static string DefaultCacheRoot =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "apitruth", "scratch");

    public async Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        var key = $"{framework}|{aspNetCore}|" + string.Join(",", pins.Select(p => p.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal));
        var dir = Path.Combine(cacheRoot, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]);
        var refsFile = Path.Combine(dir, "refs.txt");
        var assetsFile = Path.Combine(dir, "obj", "project.assets.json");
        if (!File.Exists(refsFile) || !File.Exists(assetsFile))
            await BuildAsync(dir, framework, pins, aspNetCore, ct);
        var paths = (await File.ReadAllLinesAsync(refsFile, ct)).Where(l => l.Length > 0).Distinct().ToList();
        var packages = await ReadPackagesAsync(assetsFile, framework, pins, ct);
        var byFolder = packages.ToDictionary(p => $"{p.Id}/{p.Version}".ToLowerInvariant(), p => p);
        var assemblies = paths.Select(p => new ReferenceAssembly(p, OwnerOf(p, framework, byFolder))).ToList();
        return new ResolvedReferences(framework, assemblies, packages, []);
    }

    private static AssemblyOwner OwnerOf(string path, string framework, Dictionary<string, ResolvedPackage> byFolder)
    {
        var parts = path.Replace('\\', '/').Split('/');
        for (int i = 0; i + 1 < parts.Length; i++)
        {
            if (parts[i].EndsWith(".ref", StringComparison.OrdinalIgnoreCase) && parts[i].StartsWith("microsoft.", StringComparison.OrdinalIgnoreCase))
                return new AssemblyOwner(FrameworkName(parts[i]), framework, IsFramework: true, IsTransitive: false);
            if (parts[i].Equals("netstandard.library", StringComparison.OrdinalIgnoreCase))
                return new AssemblyOwner("NETStandard.Library", framework, IsFramework: true, IsTransitive: false);
            if (byFolder.TryGetValue($"{parts[i]}/{parts[i + 1]}".ToLowerInvariant(), out var package))
                return new AssemblyOwner(package.Id, package.Version, IsFramework: false, package.IsTransitive);
        }
        return new AssemblyOwner("Microsoft.NETCore.App", framework, IsFramework: true, IsTransitive: false);
    }

    // microsoft.netcore.app.ref → Microsoft.NETCore.App; Microsoft.AspNetCore.App.Ref → Microsoft.AspNetCore.App
    private static string FrameworkName(string packFolder) =>
        packFolder.ToLowerInvariant() switch
        {
            var f when f.StartsWith("microsoft.aspnetcore.app", StringComparison.Ordinal) => "Microsoft.AspNetCore.App",
            var f when f.StartsWith("microsoft.windowsdesktop.app", StringComparison.Ordinal) => "Microsoft.WindowsDesktop.App",
            _ => "Microsoft.NETCore.App",
        };

    private static async Task<IReadOnlyList<ResolvedPackage>> ReadPackagesAsync(string assetsFile, string framework, IReadOnlyList<PackagePin> pins, CancellationToken ct)
    {
        await using var stream = File.OpenRead(assetsFile);
        using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var direct = new HashSet<string>(pins.Select(p => p.Id), StringComparer.OrdinalIgnoreCase);
        var result = new List<ResolvedPackage>();
        foreach (var lib in doc.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (lib.Value.GetProperty("type").GetString() != "package") continue;
            var idVersion = lib.Name.Split('/');
            var pin = pins.FirstOrDefault(p => p.Id.Equals(idVersion[0], StringComparison.OrdinalIgnoreCase));
            result.Add(new ResolvedPackage(pin?.Id ?? idVersion[0], idVersion[1], !direct.Contains(idVersion[0]),
                pin is { Version: null } ? "newest stable served version" : null));
        }
        return result;
    }

    private static async Task BuildAsync(string dir, string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        Directory.CreateDirectory(dir);
        var sb = new StringBuilder();
        sb.AppendLine($"<Project Sdk=\"{(aspNetCore ? "Microsoft.NET.Sdk.Web" : "Microsoft.NET.Sdk")}\"><PropertyGroup>");
        sb.AppendLine($"<TargetFramework>{SecurityElement.Escape(framework)}</TargetFramework><OutputType>Library</OutputType><ImplicitUsings>disable</ImplicitUsings>");
        sb.AppendLine("<NoWarn>$(NoWarn);NU1603;NU1701;NU1902;NU1903;NU1904;NU1608</NoWarn><TreatWarningsAsErrors>false</TreatWarningsAsErrors>");
        sb.AppendLine("<ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup>");
        foreach (var p in pins)
            sb.AppendLine($"<PackageReference Include=\"{SecurityElement.Escape(p.Id)}\" Version=\"{(p.Version is null ? "*" : $"[{SecurityElement.Escape(p.Version)}]")}\" />");
        sb.AppendLine("</ItemGroup>");
        sb.AppendLine("<Target Name=\"DumpRefs\" AfterTargets=\"FindReferenceAssembliesForReferences\"><WriteLinesToFile File=\"refs.txt\" Lines=\"@(ReferencePathWithRefAssemblies)\" Overwrite=\"true\" /></Target></Project>");
        await File.WriteAllTextAsync(Path.Combine(dir, "scratch.csproj"), sb.ToString(), ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "Empty.cs"), "namespace Scratch { internal static class Empty { } }\n", ct);
        // Keep the scratch project away from any Directory.Build.props / Directory.Packages.props above it.
        await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Build.props"), "<Project />\n", ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "Directory.Packages.props"), "<Project />\n", ct);
        var psi = new ProcessStartInfo("dotnet", "build -nologo -v q -p:NuGetAudit=false") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        if (!File.Exists(Path.Combine(dir, "refs.txt")))
        {
            var error = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error NU", StringComparison.Ordinal))
                ?? output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                ?? "restore failed";
            var cut = error.IndexOf(": error ", StringComparison.Ordinal);
            throw new InputException(cut >= 0 ? error[(cut + 2)..] : error);
        }
    }
}
