namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Where each assembly name of one asset group's world lives: the group's own files first, then the other
/// files in the group's folders, then the resolution paths in the order given (dependency packages' compile
/// assets, the TFM's reference pack). Built once per extraction and shared read-only by the workers.
/// </summary>
internal sealed class AssemblyFileIndex
{
    private readonly Dictionary<string, string> _pathsByName;
    private readonly HashSet<string> _groupPaths;

    private AssemblyFileIndex(Dictionary<string, string> pathsByName, HashSet<string> groupPaths)
    {
        _pathsByName = pathsByName;
        _groupPaths = groupPaths;
    }

    public static AssemblyFileIndex Build(IReadOnlyList<string> groupAssemblies, IReadOnlyList<string> resolutionPaths)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in groupAssemblies) Add(byName, file);
        foreach (var folder in groupAssemblies.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal))
        {
            if (!string.IsNullOrEmpty(folder)) AddFolder(byName, folder);
        }
        foreach (var path in resolutionPaths)
        {
            if (Directory.Exists(path)) AddFolder(byName, path);
            else if (File.Exists(path)) Add(byName, path);
        }
        return new AssemblyFileIndex(byName, groupAssemblies.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Whether the file (full path) is one of the group's own assemblies.</summary>
    public bool IsGroupAssembly(string fullPath) => _groupPaths.Contains(fullPath);

    /// <summary>The file of the assembly with this simple name, or null.</summary>
    public string? Find(string assemblyName) => _pathsByName.GetValueOrDefault(assemblyName);

    private static void AddFolder(Dictionary<string, string> byName, string folder)
    {
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*.dll", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var file in files) Add(byName, file);
    }

    private static void Add(Dictionary<string, string> byName, string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        if (name.Length > 0) byName.TryAdd(name, Path.GetFullPath(file));
    }
}
