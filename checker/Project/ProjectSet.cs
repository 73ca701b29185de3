using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Project;

/// <summary>A project that could not be evaluated; the others are still checked.</summary>
internal sealed record ProjectProblem(string Path, string Message);

/// <summary>
/// What <c>check --project</c> covers: the projects of a .csproj, a solution or a folder, and the Markdown files
/// with C# fences that belong to each (a doc belongs to its nearest project).
/// </summary>
/// <param name="Root">The folder the target names (a solution's or project's folder); documentation is looked for below it.</param>
internal sealed record ProjectSet(string Root, IReadOnlyList<MsBuildProject> Projects, IReadOnlyList<ProjectProblem> Problems)
{
    /// <summary>True when the target is a folder or a solution (then docs are checked by default).</summary>
    public bool IsMany { get; init; }

    /// <exception cref="InputException">Nothing to check there.</exception>
    public static ProjectSet Discover(string target)
    {
        var full = Path.GetFullPath(target);
        IReadOnlyList<string> paths;
        string root;
        bool many;
        if (File.Exists(full) && (full.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)))
        {
            root = Path.GetDirectoryName(full)!;
            paths = SolutionFile.Projects(full);
            many = true;
        }
        else if (File.Exists(full))
        {
            root = Path.GetDirectoryName(full)!;
            paths = [full];
            many = false;
        }
        else if (Directory.Exists(full))
        {
            root = full;
            var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).ToList();
            var here = Directory.GetFiles(full, "*.csproj");
            if (solutions.Count == 1) paths = SolutionFile.Projects(solutions[0]);
            else if (here.Length == 1) paths = here;
            else paths = ProjectGlob.Files(full).Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
            many = here.Length != 1 || solutions.Count == 1;
        }
        else throw new InputException($"{target}: no such project, solution or folder");
        if (paths.Count == 0) throw new InputException($"{target}: no C# project found");

        var projects = new List<MsBuildProject>();
        var problems = new List<ProjectProblem>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            if (TryLoad(path, problems) is { } project) projects.Add(project);
        }
        return new ProjectSet(root, projects, problems) { IsMany = many };
    }

    /// <summary>A project and the projects it references, transitively (loaded on demand; problems noted once).</summary>
    public IReadOnlyList<MsBuildProject> ReferencedProjects(MsBuildProject project, List<ProjectProblem> problems)
    {
        var byPath = Projects.ToDictionary(p => p.Path, StringComparer.Ordinal);
        var result = new List<MsBuildProject>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { project.Path };
        var pending = new Queue<string>(project.ProjectReferences);
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            if (!seen.Add(path)) continue;
            var referenced = byPath.TryGetValue(path, out var known) ? known : TryLoad(path, problems);
            if (referenced is null) continue;
            result.Add(referenced);
            foreach (var next in referenced.ProjectReferences) pending.Enqueue(next);
        }
        return result;
    }

    private static MsBuildProject? TryLoad(string path, List<ProjectProblem> problems)
    {
        try
        {
            return MsBuildProject.Load(path);
        }
        catch (InputException e)
        {
            if (!problems.Any(p => p.Path == path)) problems.Add(new ProjectProblem(path, e.Message));
            return null;
        }
    }

    /// <summary>
    /// The Markdown files under <paramref name="docsRoot"/> (not in bin/, obj/, hidden folders), each with the project
    /// it is checked against: the nearest project in the folders above it; for a doc above every project (the
    /// repository README), the nearest project below it, preferring the one with more package pins, then by path.
    /// A doc that no project's folder contains or lies above goes to the main project, chosen the same way.
    /// </summary>
    /// <param name="loaded">The projects being checked, already evaluated: a doc that is not inside a project's folder goes to
    /// one of them when one qualifies (a project outside the check would leave the doc unchecked).</param>
    public static IReadOnlyList<(string Doc, string Project)> AssignDocs(string docsRoot, IReadOnlyList<string> allProjects, IEnumerable<string> docs,
        IReadOnlyList<MsBuildProject>? loaded = null)
    {
        var result = new List<(string, string)>();
        if (allProjects.Count == 0) return result;
        var folders = allProjects.Select(p => (Project: p, Folder: Path.GetDirectoryName(p)! + Path.DirectorySeparatorChar)).ToList();
        var pinCounts = (loaded ?? []).ToDictionary(p => p.Path, p => p.Pins.Packages.Count(pin => !pin.IsTransitive), StringComparer.Ordinal);
        var checkedFolders = folders.Where(f => pinCounts.ContainsKey(f.Project)).ToList();
        var fallback = checkedFolders.Count > 0 ? checkedFolders : folders;
        foreach (var doc in docs)
        {
            var docFolder = Path.GetDirectoryName(Path.GetFullPath(doc))! + Path.DirectorySeparatorChar;
            var above = folders.Where(f => docFolder.StartsWith(f.Folder, StringComparison.Ordinal))
                .OrderByDescending(f => f.Folder.Length).ThenBy(f => f.Project, StringComparer.Ordinal).FirstOrDefault();
            if (above.Project is not null)
            {
                result.Add((doc, above.Project));
                continue;
            }
            bool Below((string Project, string Folder) f) => f.Folder.StartsWith(docFolder, StringComparison.Ordinal);
            var below = Main(fallback.Where(Below)) ?? Main(folders.Where(Below));
            if (below is not null)
            {
                result.Add((doc, below));
                continue;
            }
            // A doc beside the projects (docs/guide.md): the repository's main project, chosen as for the root README.
            result.Add((doc, Main(fallback)!));
        }
        return result;

        // The shallowest project, then the one with more package pins, then by path.
        string? Main(IEnumerable<(string Project, string Folder)> candidates) =>
            candidates.OrderBy(f => f.Folder.Count(c => c == Path.DirectorySeparatorChar))
                .ThenByDescending(f => PinCount(f.Project, pinCounts))
                .ThenBy(f => f.Project, StringComparer.Ordinal)
                .Select(f => f.Project)
                .FirstOrDefault();
    }

    /// <summary>Markdown files under a folder (not in bin/, obj/ or hidden folders).</summary>
    public static IEnumerable<string> MarkdownUnder(string folder, bool recursive) =>
        (recursive ? ProjectGlob.Files(folder) : Directory.EnumerateFiles(folder))
            .Where(InputReader.IsMarkdown)
            .Select(Path.GetFullPath)
            .Order(StringComparer.Ordinal);

    /// <summary>Every .csproj under a folder (for deciding which project a doc belongs to).</summary>
    public static IReadOnlyList<string> ProjectsUnder(string folder) =>
        ProjectGlob.Files(folder).Where(f => f.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();

    private static int PinCount(string project, Dictionary<string, int> cache)
    {
        if (cache.TryGetValue(project, out var n)) return n;
        try
        {
            n = ProjectPins.Load(project).Packages.Count(p => !p.IsTransitive);
        }
        catch (InputException)
        {
            n = 0; // reported when that project itself is checked
        }
        return cache[project] = n;
    }
}
