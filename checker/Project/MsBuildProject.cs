using System.Xml;
using System.Xml.Linq;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Project;

/// <summary>
/// A C# project as the check needs it: its pins and frameworks, the .cs files it compiles, its project references.
/// </summary>
/// <remarks>
/// Evaluated from the project XML, not through MSBuild: loading MSBuild in process (MSBuildLocator, the SDK's
/// resolvers, its node processes) costs seconds and ties the tool to one SDK install, while the check needs only a
/// handful of facts that SDK-style projects state literally. Conditions are not evaluated (every item counts) and
/// properties other than the project's own directory are not expanded; the MSBuild hook gives the exact framework.
/// </remarks>
/// <param name="Path">Full path of the .csproj.</param>
/// <param name="Pins">Frameworks, ASP.NET Core, package pins.</param>
/// <param name="CompileFiles">Full paths of the compiled .cs files, in ordinal order.</param>
/// <param name="ProjectReferences">Full paths of the directly referenced projects.</param>
internal sealed record MsBuildProject(string Path, ProjectPins Pins, IReadOnlyList<string> CompileFiles, IReadOnlyList<string> ProjectReferences)
{
    public string Folder => System.IO.Path.GetDirectoryName(Path)!;

    /// <exception cref="InputException">The project file is missing or not valid XML.</exception>
    public static MsBuildProject Load(string projectPath)
    {
        var path = System.IO.Path.GetFullPath(projectPath);
        if (!File.Exists(path)) throw new InputException($"{path}: no such project file");
        XElement root;
        try
        {
            root = XDocument.Load(path).Root ?? throw new InputException($"{path}: empty project file");
        }
        catch (XmlException e)
        {
            throw new InputException($"{path}: not a valid project file ({e.Message})");
        }
        var pins = ProjectPins.Load(path);
        if (pins.TargetFrameworks.Count == 0 && InheritedFrameworks(System.IO.Path.GetDirectoryName(path)!) is { Count: > 0 } inherited)
            pins = pins with { TargetFrameworks = inherited };
        var folder = System.IO.Path.GetDirectoryName(path)!;
        return new MsBuildProject(path, pins, EvaluateCompileItems(root, folder), References(root, folder));
    }

    private static IReadOnlyList<string> EvaluateCompileItems(XElement root, string folder)
    {
        bool defaults = !IsFalse(Property(root, "EnableDefaultItems")) && !IsFalse(Property(root, "EnableDefaultCompileItems"));
        var files = new SortedSet<string>(StringComparer.Ordinal);
        if (defaults)
        {
            foreach (var file in ProjectGlob.Expand(folder, "**/*.cs"))
                files.Add(file);
        }
        foreach (var item in root.Descendants().Where(e => e.Name.LocalName == "Compile"))
        {
            var excluded = Split((string?)item.Attribute("Exclude"), folder).SelectMany(p => ProjectGlob.Expand(folder, p)).ToHashSet(StringComparer.Ordinal);
            foreach (var pattern in Split((string?)item.Attribute("Include"), folder))
            {
                foreach (var file in ProjectGlob.Expand(folder, pattern).Where(f => !excluded.Contains(f)))
                    files.Add(file);
            }
            foreach (var pattern in Split((string?)item.Attribute("Remove"), folder))
                files.ExceptWith(ProjectGlob.Expand(folder, pattern));
        }
        return files.ToList();
    }

    private static IReadOnlyList<string> References(XElement root, string folder) =>
        root.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .SelectMany(e => Split((string?)e.Attribute("Include"), folder))
            .Select(p => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, p)))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    // "a.cs;$(MSBuildProjectDirectory)/b/**/*.cs" → the patterns relative to the project folder.
    private static IEnumerable<string> Split(string? value, string folder) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Replace("$(MSBuildProjectDirectory)", folder, StringComparison.OrdinalIgnoreCase)
                .Replace("$(MSBuildThisFileDirectory)", folder + System.IO.Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase)
                .Replace('\\', '/'));

    private static string? Property(XElement root, string name) =>
        root.Descendants().LastOrDefault(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")?.Value;

    private static bool IsFalse(string? value) => string.Equals(value?.Trim(), "false", StringComparison.OrdinalIgnoreCase);

    // A TargetFramework set once for the whole repository in Directory.Build.props (the nearest one, as MSBuild imports it).
    private static IReadOnlyList<string> InheritedFrameworks(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var props = System.IO.Path.Combine(dir.FullName, "Directory.Build.props");
            if (!File.Exists(props)) continue;
            try
            {
                var root = XDocument.Load(props).Root;
                if (root is null) return [];
                var value = Property(root, "TargetFrameworks") ?? Property(root, "TargetFramework");
                return value is null || value.Contains("$(", StringComparison.Ordinal) ? []
                    : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            catch (XmlException e)
            {
                throw new InputException($"{props}: not a valid props file ({e.Message})");
            }
        }
        return [];
    }
}
