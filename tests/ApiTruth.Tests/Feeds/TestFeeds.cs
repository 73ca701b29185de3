using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ApiTruth.Tests.Feeds;

/// <summary>A temporary folder that is deleted with everything in it when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apitruth-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Builds NuGet.Config files and package files for tests that must not touch the user's packages folder.</summary>
internal static class TestFeeds
{
    /// <summary>
    /// A NuGet.Config in <paramref name="root"/> that moves the global packages folder to <paramref name="globalPackagesFolder"/>.
    /// With <paramref name="sources"/> null the user's sources are inherited (no feed address appears in the test);
    /// otherwise they are cleared and replaced.
    /// </summary>
    public static void WriteNuGetConfig(string root, string globalPackagesFolder, IReadOnlyDictionary<string, string>? sources = null)
    {
        var xml = new StringBuilder();
        xml.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.AppendLine("<configuration>");
        xml.AppendLine($"  <config><add key=\"globalPackagesFolder\" value=\"{globalPackagesFolder}\" /></config>");
        if (sources is not null)
        {
            xml.AppendLine("  <packageSources>");
            xml.AppendLine("    <clear />");
            foreach (var (name, location) in sources)
            {
                xml.AppendLine($"    <add key=\"{name}\" value=\"{location}\" />");
            }

            xml.AppendLine("  </packageSources>");
        }

        xml.AppendLine("</configuration>");
        File.WriteAllText(Path.Combine(root, "NuGet.Config"), xml.ToString());
    }

    public static string Nuspec(string id, string version, string extraMetadata = "") =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
          <metadata>
            <id>{id}</id>
            <version>{version}</version>
            <authors>ApiTruth tests</authors>
            <description>Made by a test.</description>
            {extraMetadata}
          </metadata>
        </package>
        """;

    /// <summary>Writes a nupkg (a zip with the nuspec at its root) holding <paramref name="files"/>.</summary>
    public static void WriteNupkg(string path, string id, string version, IReadOnlyDictionary<string, string> files, string extraMetadata = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Write(zip, $"{id}.nuspec", Nuspec(id, version, extraMetadata));
        foreach (var (name, content) in files)
        {
            Write(zip, name, content);
        }
    }

    /// <summary>
    /// Puts a nupkg file into a local feed in the hierarchical (v3) layout that <c>dotnet nuget push</c> to a folder
    /// produces: id/version/id.version.nupkg with its hash and nuspec.
    /// </summary>
    public static string AddToV3Feed(string feed, string id, string version, byte[] nupkg, string nuspec)
    {
        var folder = Path.Combine(feed, id.ToLowerInvariant(), version);
        Directory.CreateDirectory(folder);
        var nupkgPath = Path.Combine(folder, $"{id.ToLowerInvariant()}.{version}.nupkg");
        File.WriteAllBytes(nupkgPath, nupkg);
        File.WriteAllText(nupkgPath + ".sha512", Convert.ToBase64String(SHA512.HashData(nupkg)));
        File.WriteAllText(Path.Combine(folder, $"{id.ToLowerInvariant()}.nuspec"), nuspec);
        return nupkgPath;
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(content);
    }
}
