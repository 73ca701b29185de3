using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Resolves assembly references against exactly the files of one asset group's world (<see cref="AssemblyFileIndex"/>)
/// and returns null on a miss. Cecil's default resolver would fall back to the running tool's own framework
/// (TRUSTED_PLATFORM_ASSEMBLIES), silently answering for the wrong TFM, and throws on a miss.
/// Every assembly it opens is cached by path and disposed with it.
/// </summary>
/// <remarks>Cecil modules are not thread-safe: one resolver (and everything it opened) per worker.</remarks>
internal sealed class GroupAssemblyResolver : IAssemblyResolver
{
    private readonly AssemblyFileIndex _index;
    private readonly Dictionary<string, AssemblyDefinition?> _byPath = new(StringComparer.Ordinal);

    public GroupAssemblyResolver(AssemblyFileIndex index) => _index = index;

    public AssemblyDefinition? Resolve(AssemblyNameReference name) => Resolve(name, null);

    public AssemblyDefinition? Resolve(AssemblyNameReference name, ReaderParameters? parameters)
    {
        var path = _index.Find(name.Name);
        if (path is null) return null;
        if (_byPath.TryGetValue(path, out var cached)) return cached;
        AssemblyDefinition? assembly = null;
        try
        {
            assembly = AssemblyFile.Read(path, this);
        }
        catch (Exception ex) when (ex is AssemblyFileException or IOException or UnauthorizedAccessException)
        {
            // A dependency that cannot be read is a miss; whatever needed it reports the consequence.
        }
        _byPath[path] = assembly;
        return assembly;
    }

    /// <summary>Opens one of the group's own assemblies, sharing the cache so references to it resolve to the same module.</summary>
    public AssemblyDefinition Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (_byPath.TryGetValue(full, out var cached) && cached is not null) return cached;
        var assembly = AssemblyFile.Read(full, this);
        _byPath[full] = assembly;
        return assembly;
    }

    public void Dispose()
    {
        foreach (var assembly in _byPath.Values) assembly?.Dispose();
        _byPath.Clear();
    }
}
