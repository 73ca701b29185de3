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
    private readonly Dictionary<string, OpenedAssembly?> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<AssemblyDefinition, string> _pathOf = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ModuleDefinition, ModuleMetadata> _metadata = new(ReferenceEqualityComparer.Instance);

    public GroupAssemblyResolver(AssemblyFileIndex index) => _index = index;

    public AssemblyDefinition? Resolve(AssemblyNameReference name) => Resolve(name, null);

    public AssemblyDefinition? Resolve(AssemblyNameReference name, ReaderParameters? parameters)
    {
        var path = _index.Find(name.Name);
        if (path is null) return null;
        if (_byPath.TryGetValue(path, out var cached)) return cached?.Assembly;
        OpenedAssembly? opened = null;
        try
        {
            opened = Remember(path, AssemblyFile.Read(path, this));
        }
        catch (Exception ex) when (ex is AssemblyFileException or IOException or UnauthorizedAccessException)
        {
            // A dependency that cannot be read is a miss; whatever needed it reports the consequence.
            _byPath[path] = null;
        }
        return opened?.Assembly;
    }

    /// <summary>Opens one of the group's own assemblies, sharing the cache so references to it resolve to the same module.</summary>
    /// <exception cref="AssemblyFileException">The file is not a readable .NET assembly.</exception>
    public AssemblyDefinition Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (_byPath.TryGetValue(full, out var cached) && cached is not null) return cached.Assembly;
        return Remember(full, AssemblyFile.Read(full, this)).Assembly;
    }

    /// <summary>Whether this assembly was opened from one of the group's own files.</summary>
    public bool IsGroupAssembly(AssemblyDefinition assembly) =>
        _pathOf.TryGetValue(assembly, out var path) && _index.IsGroupAssembly(path);

    /// <summary>Whether the reference names one of the group's own assemblies (by the index, without opening it).</summary>
    public bool IsGroupAssembly(AssemblyNameReference reference) =>
        _index.Find(reference.Name) is { } path && _index.IsGroupAssembly(path);

    /// <summary>The raw metadata of a module this resolver opened (its main module), or null.</summary>
    public ModuleMetadata? MetadataOf(ModuleDefinition module) => _metadata.GetValueOrDefault(module);

    private OpenedAssembly Remember(string path, OpenedAssembly opened)
    {
        _byPath[path] = opened;
        _pathOf[opened.Assembly] = path;
        _metadata[opened.Assembly.MainModule] = new ModuleMetadata(System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(opened.PortableExecutable));
        return opened;
    }

    public void Dispose()
    {
        foreach (var opened in _byPath.Values)
        {
            opened?.Assembly.Dispose();
            opened?.PortableExecutable.Dispose();
        }
        _byPath.Clear();
        _pathOf.Clear();
        _metadata.Clear();
    }
}
