using System.Collections.Concurrent;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Every public type and member name of one reference set: which namespaces define a type of a given simple
/// name (to add the usings a snippet omits), and whether any type at all has a member of a given name (to
/// judge a member of a receiver whose type the snippet never declares).
/// </summary>
internal sealed class NameCatalog
{
    private readonly Lazy<Dictionary<string, List<(CatalogType Type, AssemblyOwner Owner)>>> _typesByName;
    private readonly Lazy<Dictionary<string, List<(CatalogMember Member, AssemblyOwner Owner)>>> _membersByName;
    private readonly IReadOnlyList<(string Path, AssemblyOwner Owner)> _assemblies;
    private readonly Lazy<IReadOnlyList<(string Name, string Display)>> _allTypeNames;
    private readonly ConcurrentDictionary<string, IReadOnlyList<System.Collections.Immutable.ImmutableArray<string>>> _parameterNames = new(StringComparer.Ordinal);

    /// <param name="assemblies">The reference set's assemblies and who ships them.</param>
    /// <param name="types">Reads an assembly's types only (most checks need no more).</param>
    /// <param name="members">Reads an assembly's types and members.</param>
    public NameCatalog(IReadOnlyList<(string Path, AssemblyOwner Owner)> assemblies, Func<string, AssemblyNames> types, Func<string, AssemblyNames> members)
    {
        _assemblies = assemblies;
        _typesByName = new(() => Index(Read(assemblies, types), n => n.Types, t => t.Name));
        _membersByName = new(() => Index(Read(assemblies, members), n => n.Members, m => m.Name));
        _allTypeNames = new(() => TypeIndex.Values.SelectMany(l => l).Select(t => (t.Type.Name, t.Type.FullName)).Distinct().ToList());
    }

    // Reading is I/O and decoding per assembly, independent of the others.
    private static List<(AssemblyNames Names, AssemblyOwner Owner)> Read(IReadOnlyList<(string Path, AssemblyOwner Owner)> assemblies, Func<string, AssemblyNames> read) =>
        assemblies.AsParallel().AsOrdered().Select(a => (read(a.Path), a.Owner)).ToList();

    private static Dictionary<string, List<(T, AssemblyOwner)>> Index<T>(List<(AssemblyNames Names, AssemblyOwner Owner)> read,
        Func<AssemblyNames, IReadOnlyList<T>> items, Func<T, string> key)
    {
        var map = new Dictionary<string, List<(T, AssemblyOwner)>>(StringComparer.Ordinal);
        foreach (var (names, owner) in read)
        {
            foreach (var item in items(names))
            {
                if (!map.TryGetValue(key(item), out var list)) map[key(item)] = list = [];
                list.Add((item, owner));
            }
        }
        return map;
    }

    private Dictionary<string, List<(CatalogType Type, AssemblyOwner Owner)>> TypeIndex => _typesByName.Value;

    private Dictionary<string, List<(CatalogMember Member, AssemblyOwner Owner)>> MemberIndex => _membersByName.Value;

    public IReadOnlyList<(CatalogType Type, AssemblyOwner Owner)> TypesNamed(string simpleName) =>
        TypeIndex.TryGetValue(simpleName, out var list) ? list : [];

    public IReadOnlyList<(CatalogMember Member, AssemblyOwner Owner)> MembersNamed(string name) =>
        MemberIndex.TryGetValue(name, out var list) ? list : [];

    public bool HasMember(string name) => MemberIndex.ContainsKey(name);

    /// <summary>The parameter name lists of every method of this name in the reference set.</summary>
    /// <remarks>Read from the assemblies once per name: warm checks of the same code ask again.</remarks>
    public IReadOnlyList<System.Collections.Immutable.ImmutableArray<string>> MethodParameterNames(string methodName) =>
        _parameterNames.GetOrAdd(methodName, name =>
        {
            var paths = MembersNamed(name).Where(m => m.Member.IsMethod).Select(m => m.Owner).Distinct().ToHashSet();
            return _assemblies.Where(a => paths.Contains(a.Owner)).AsParallel()
                .SelectMany(a => AssemblyNames.MethodParameterNames(a.Path, name)).ToList();
        });

    /// <summary>Every top-level and nested type: its simple name and its full name for display.</summary>
    public IReadOnlyList<(string Name, string Display)> AllTypeNames() => _allTypeNames.Value;

    public IEnumerable<string> AllMemberNames() => MemberIndex.Keys;

    public bool HasType(string simpleName) => TypeIndex.ContainsKey(simpleName);

}

/// <summary>Reads each assembly's names once per process and each reference set's catalog once.</summary>
internal sealed class NameCatalogCache
{
    private readonly ConcurrentDictionary<string, Lazy<AssemblyNames>> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<AssemblyNames>> _members = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NameCatalog> _catalogs = new(StringComparer.Ordinal);

    public NameCatalog For(ResolvedReferences references) =>
        _catalogs.GetOrAdd(references.Key, _ => new NameCatalog(
            references.Assemblies.Select(a => (a.Path, a.Owner)).ToList(),
            path => _types.GetOrAdd(path, p => new Lazy<AssemblyNames>(() => AssemblyNames.Read(p, withMembers: false))).Value,
            path => _members.GetOrAdd(path, p => new Lazy<AssemblyNames>(() => AssemblyNames.Read(p))).Value));
}
