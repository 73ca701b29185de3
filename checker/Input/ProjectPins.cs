using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NuGet.Versioning;

namespace ApiTruth.Checker.Input;

/// <summary>
/// What a project says about its environment: target framework(s), the ASP.NET Core SDK, and its package pins
/// from PackageReference items, Directory.Packages.props (central package management, VersionOverride) and,
/// when it has been restored, obj/project.assets.json (exact resolved versions, transitive ones included).
/// </summary>
/// <param name="ProjectReferences">Full paths of the projects this one references: their code is context for binding.</param>
internal sealed record ProjectPins(string ProjectPath, IReadOnlyList<string> TargetFrameworks, bool IsAspNetCore, IReadOnlyList<PackagePin> Packages,
    IReadOnlyList<string> ProjectReferences)
{
    /// <summary>The .cs and .md files of the project (its folder, without bin/ and obj/).</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;

    /// <summary>The folders of the referenced projects, transitively (their types are the project's context).</summary>
    public IReadOnlyList<string> ReferencedFolders()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(ProjectReferences);
        while (queue.Count > 0)
        {
            var project = queue.Dequeue();
            if (!seen.Add(project)) continue;
            foreach (var next in Load(project).ProjectReferences) queue.Enqueue(next);
        }
        return seen.Select(p => Path.GetDirectoryName(p)!).Distinct().ToList();
    }

    /// <exception cref="InputException">No project there, several, or an unreadable project file.</exception>
    public static ProjectPins Load(string pathOrFolder)
    {
        var path = FindProject(pathOrFolder);
        XDocument project;
        try
        {
            project = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new InputException($"{path}: not a valid project file ({e.Message})");
        }
        var root = project.Root ?? throw new InputException($"{path}: empty project file");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var frameworks = Property(root, "TargetFrameworks") is { } many
            ? many.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : Property(root, "TargetFramework") is { } one ? [one.Trim()] : [];
        bool web = ((string?)root.Attribute("Sdk"))?.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) == true
            || root.Descendants().Any(e => e.Name.LocalName == "Sdk" && ((string?)e.Attribute("Name"))?.Contains(".Web", StringComparison.OrdinalIgnoreCase) == true)
            || root.Descendants().Any(e => e.Name.LocalName == "FrameworkReference" && (string?)e.Attribute("Include") == "Microsoft.AspNetCore.App");

        var central = CentralVersions(folder);
        var pins = new List<PackagePin>();
        foreach (var reference in root.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            var id = (string?)reference.Attribute("Include");
            if (string.IsNullOrWhiteSpace(id)) continue;
            var version = (string?)reference.Attribute("VersionOverride")
                ?? (string?)reference.Attribute("Version")
                ?? reference.Elements().FirstOrDefault(e => e.Name.LocalName is "VersionOverride")?.Value
                ?? reference.Elements().FirstOrDefault(e => e.Name.LocalName is "Version")?.Value
                ?? (central.TryGetValue(id, out var c) ? c : null);
            pins.Add(new PackagePin(id.Trim(), ExactVersion(version), PinOrigin.Project));
        }
        pins.AddRange(AssetsPins(AssetsFile(path), frameworks));
        var references = new List<string>();
        foreach (var reference in root.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = (string?)reference.Attribute("Include");
            if (string.IsNullOrWhiteSpace(include)) continue;
            var referenced = Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar)));
            if (!File.Exists(referenced)) continue;
            references.Add(referenced);
            // A referenced project's packages flow to this one, as in restore.
            pins.AddRange(Load(referenced).Packages.Select(p => p with { IsTransitive = true, Origin = PinOrigin.Project }));
        }
        return new ProjectPins(path, frameworks, web, PackagePin.Merge(pins), references);
    }

    private static string FindProject(string pathOrFolder)
    {
        if (File.Exists(pathOrFolder)) return pathOrFolder;
        if (!Directory.Exists(pathOrFolder)) throw new InputException($"{pathOrFolder}: no such project file or folder");
        var projects = Directory.GetFiles(pathOrFolder, "*.csproj");
        return projects.Length switch
        {
            1 => projects[0],
            0 => throw new InputException($"{pathOrFolder}: no .csproj in this folder"),
            _ => throw new InputException($"{pathOrFolder}: several .csproj files; name one with --project"),
        };
    }

    private static string? Property(XElement root, string name) =>
        root.Descendants().FirstOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value;

    // Directory.Packages.props: the nearest one above the project, as MSBuild finds it.
    private static Dictionary<string, string> CentralVersions(string folder)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var props = Path.Combine(dir.FullName, "Directory.Packages.props");
            if (!File.Exists(props)) continue;
            try
            {
                foreach (var item in XDocument.Load(props).Descendants().Where(e => e.Name.LocalName == "PackageVersion"))
                {
                    var id = (string?)item.Attribute("Include") ?? (string?)item.Attribute("Update");
                    var version = (string?)item.Attribute("Version") ?? item.Elements().FirstOrDefault(e => e.Name.LocalName == "Version")?.Value;
                    if (id is not null && version is not null) versions[id.Trim()] = version.Trim();
                }
            }
            catch (XmlException e)
            {
                throw new InputException($"{props}: not a valid props file ({e.Message})");
            }
            break;
        }
        return versions;
    }

    // "13.0.3" and "[13.0.3]" pin exactly; a range or a floating version is resolved by NuGet (or from the assets file).
    private static string? ExactVersion(string? version)
    {
        if (version is null) return null;
        version = version.Trim();
        if (NuGetVersion.TryParse(version, out var exact)) return exact.ToNormalizedString();
        if (VersionRange.TryParse(version, out var range) && range.IsMinInclusive && range.IsMaxInclusive
            && range.MinVersion is not null && range.MinVersion == range.MaxVersion)
            return range.MinVersion.ToNormalizedString();
        if (VersionRange.TryParse(version, out var floating) && floating.MinVersion is not null && !floating.IsFloating)
            return floating.MinVersion.ToNormalizedString(); // NuGet resolves a plain lower bound to itself when it is served
        return null;
    }

    // obj/ next to the project, or the SDK's artifacts layout (ArtifactsPath): <root>/artifacts/obj/<project>/.
    private static string? AssetsFile(string projectPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var local = Path.Combine(folder, "obj", "project.assets.json");
        if (File.Exists(local)) return local;
        var name = Path.GetFileNameWithoutExtension(projectPath);
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var artifacts = Path.Combine(dir.FullName, "artifacts", "obj", name, "project.assets.json");
            if (File.Exists(artifacts)) return artifacts;
        }
        return null;
    }

    private static IEnumerable<PackagePin> AssetsPins(string? assets, IReadOnlyList<string> frameworks)
    {
        if (assets is null) return [];
        using var doc = JsonDocument.Parse(File.ReadAllBytes(assets));
        var root = doc.RootElement;
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("project", out var projectSection) && projectSection.TryGetProperty("frameworks", out var fws))
        {
            foreach (var fw in fws.EnumerateObject())
            {
                if (fw.Value.TryGetProperty("dependencies", out var deps))
                    foreach (var dep in deps.EnumerateObject()) direct.Add(dep.Name);
            }
        }
        var pins = new Dictionary<string, PackagePin>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("targets", out var targets)) return [];
        foreach (var target in targets.EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package") continue;
                var parts = library.Name.Split('/');
                if (parts.Length != 2) continue;
                pins.TryAdd(parts[0], new PackagePin(parts[0], parts[1], PinOrigin.ProjectAssets, IsTransitive: !direct.Contains(parts[0])));
            }
        }
        return pins.Values;
    }
}
