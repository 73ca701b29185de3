using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using NuGet.Frameworks;
using NuGet.Versioning;

namespace ApiTruth.Checker.Input;

/// <summary>What a project says for one of its target frameworks.</summary>
/// <param name="Packages">Pins from PackageReference items (Directory.Packages.props, VersionOverride) and, when restored, the assets file.</param>
/// <param name="DefineConstants">The project's own DefineConstants (the SDK's framework symbols are added by the checker).</param>
/// <param name="ImplicitUsings">Whether the SDK's implicit usings apply.</param>
/// <param name="Usings">&lt;Using Include="…"/&gt; items: global usings of the project.</param>
/// <param name="Properties">The evaluated MSBuild properties (source generators read some of them).</param>
internal sealed record FrameworkPins(IReadOnlyList<PackagePin> Packages, IReadOnlyList<string> DefineConstants, bool ImplicitUsings, IReadOnlyList<string> Usings,
    IReadOnlyDictionary<string, string> Properties);

/// <summary>
/// What a project says about its environment: target framework(s), the ASP.NET Core SDK, and per framework its
/// package pins (PackageReference items, Directory.Packages.props with central package management and
/// VersionOverride, and, when it has been restored, obj/project.assets.json with exact resolved versions,
/// transitive ones included), preprocessor symbols and usings. The project file is evaluated (conditions,
/// properties, Directory.Build.props) as MSBuild would for each framework.
/// </summary>
/// <param name="ProjectReferences">Full paths of the projects this one references: their code is context for binding.</param>
internal sealed record ProjectPins(string ProjectPath, IReadOnlyList<string> TargetFrameworks, bool IsAspNetCore, IReadOnlyList<string> ProjectReferences)
{
    /// <summary>The .cs and .md files of the project (its folder, without bin/ and obj/).</summary>
    public string Folder => Path.GetDirectoryName(Path.GetFullPath(ProjectPath))!;

    /// <summary>The pins of the first target framework (or of the project without one).</summary>
    public IReadOnlyList<PackagePin> Packages => For(TargetFrameworks.FirstOrDefault()).Packages;

    /// <exception cref="InputException">No project there, several, or an unreadable project file.</exception>
    public static ProjectPins Load(string pathOrFolder)
    {
        var path = Path.GetFullPath(FindProject(pathOrFolder));
        var evaluated = ProjectEvaluator.Evaluate(path, targetFramework: null);
        var frameworks = evaluated.Property("TargetFrameworks") is { } many
            ? many.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToList()
            : evaluated.Property("TargetFramework") is { } one ? [one.Trim()] : [];
        var root = XDocument.Load(path).Root!;
        bool web = ((string?)root.Attribute("Sdk"))?.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase) == true
            || root.Descendants().Any(e => e.Name.LocalName == "Sdk" && ((string?)e.Attribute("Name"))?.Contains(".Web", StringComparison.OrdinalIgnoreCase) == true)
            || evaluated.ItemsOf("FrameworkReference").Any(e => (string?)e.Attribute("Include") == "Microsoft.AspNetCore.App");
        var folder = Path.GetDirectoryName(path)!;
        var references = evaluated.ItemsOf("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar))))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new ProjectPins(path, frameworks, web, references);
    }

    /// <summary>Pins, symbols and usings for one framework (null: the project evaluated without one).</summary>
    public FrameworkPins For(string? framework)
    {
        var evaluated = ProjectEvaluator.Evaluate(ProjectPath, framework);
        var central = CentralVersions(evaluated);
        var pins = new List<PackagePin>();
        foreach (var reference in evaluated.ItemsOf("PackageReference"))
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
        pins.AddRange(AssetsPins(AssetsFile(ProjectPath), framework));
        // A referenced project's packages flow to this one, as in restore.
        foreach (var referenced in ProjectReferences)
        {
            var other = Load(referenced);
            var otherFramework = framework is null ? null : NearestFramework(framework, other.TargetFrameworks);
            pins.AddRange(other.For(otherFramework).Packages.Select(p => p with { IsTransitive = true, Origin = PinOrigin.Project }));
        }
        var defines = (evaluated.Property("DefineConstants") ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        bool implicitUsings = evaluated.Property("ImplicitUsings") is "enable" or "true";
        var usings = evaluated.ItemsOf("Using")
            .Where(u => u.Attribute("Alias") is null && !string.Equals((string?)u.Attribute("Static"), "true", StringComparison.OrdinalIgnoreCase))
            .Select(u => (string?)u.Attribute("Include")).OfType<string>().ToList();
        return new FrameworkPins(PackagePin.Merge(pins), defines, implicitUsings, usings, evaluated.Properties);
    }

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

    private static string? NearestFramework(string framework, IReadOnlyList<string> candidates)
    {
        if (candidates.Count == 0) return null;
        var reducer = new FrameworkReducer();
        var nearest = reducer.GetNearest(NuGetFramework.Parse(framework), candidates.Select(c => NuGetFramework.Parse(c)));
        return nearest is null ? candidates[0] : candidates.First(c => NuGetFramework.Parse(c).Equals(nearest));
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

    // Directory.Packages.props: the nearest one above the project, as MSBuild finds it.
    private static Dictionary<string, string> CentralVersions(EvaluatedProject project)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var props = ProjectEvaluator.FindUp(project.Properties["MSBuildProjectDirectory"], "Directory.Packages.props");
        if (props is null) return versions;
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

    // The assets file's target for the framework (all targets when none is asked for).
    private static IEnumerable<PackagePin> AssetsPins(string? assets, string? framework)
    {
        if (assets is null) return [];
        using var doc = JsonDocument.Parse(File.ReadAllBytes(assets));
        var root = doc.RootElement;
        var wanted = framework is null ? null : NuGetFramework.Parse(framework);
        var direct = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (root.TryGetProperty("project", out var projectSection) && projectSection.TryGetProperty("frameworks", out var fws))
        {
            foreach (var fw in fws.EnumerateObject())
            {
                if (wanted is not null && !NuGetFramework.Parse(fw.Name).Equals(wanted)) continue;
                if (fw.Value.TryGetProperty("dependencies", out var deps))
                    foreach (var dep in deps.EnumerateObject()) direct.Add(dep.Name);
            }
        }
        var pins = new Dictionary<string, PackagePin>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("targets", out var targets)) return [];
        foreach (var target in targets.EnumerateObject())
        {
            // "net8.0" or "net8.0/linux-x64"; the framework part is a moniker or a full name.
            if (wanted is not null && !NuGetFramework.Parse(target.Name.Split('/')[0]).Equals(wanted)) continue;
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
