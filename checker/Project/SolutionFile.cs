using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Project;

/// <summary>The C# projects a solution lists: classic <c>.sln</c> text or <c>.slnx</c> XML.</summary>
internal static partial class SolutionFile
{
    /// <exception cref="InputException">The solution cannot be read.</exception>
    public static IReadOnlyList<string> Projects(string solutionPath)
    {
        var full = Path.GetFullPath(solutionPath);
        var folder = Path.GetDirectoryName(full)!;
        IEnumerable<string> paths;
        try
        {
            paths = full.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)
                ? XDocument.Load(full).Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).OfType<string>()
                : SlnProject().Matches(File.ReadAllText(full)).Select(m => m.Groups["path"].Value);
        }
        catch (Exception e) when (e is XmlException or IOException)
        {
            throw new InputException($"{full}: not a readable solution ({e.Message})");
        }
        return paths.Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    // Project("{type guid}") = "Name", "relative\path.csproj", "{project guid}"
    [GeneratedRegex("""^Project\("[^"]*"\)\s*=\s*"[^"]*"\s*,\s*"(?<path>[^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
