using System.Collections.Concurrent;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Every public type and member name of one reference set: which namespaces define a type of a given simple
/// name (to add the usings a snippet omits), and whether any type at all has a member of a given name (to
/// judge a member of a receiver whose type the snippet never declares).
/// </summary>
internal sealed class NameCatalog
{
    private readonly Dictionary<string, List<(CatalogType Type, AssemblyOwner Owner)>> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(CatalogMember Member, AssemblyOwner Owner)>> _members = new(StringComparer.Ordinal);

    public NameCatalog(IEnumerable<(AssemblyNames Names, AssemblyOwner Owner)> assemblies)
    {
        foreach (var (names, owner) in assemblies)
        {
            foreach (var type in names.Types)
                Add(_types, type.Name, (type, owner));
            foreach (var member in names.Members)
                Add(_members, member.Name, (member, owner));
        }
    }

    public IReadOnlyList<(CatalogType Type, AssemblyOwner Owner)> TypesNamed(string simpleName) =>
        _types.TryGetValue(simpleName, out var list) ? list : [];

    public IReadOnlyList<(CatalogMember Member, AssemblyOwner Owner)> MembersNamed(string name) =>
        _members.TryGetValue(name, out var list) ? list : [];

    public bool HasMember(string name) => _members.ContainsKey(name);

    /// <summary>Every top-level and nested type: its simple name and its full name for display.</summary>
    public IEnumerable<(string Name, string Display)> AllTypeNames() =>
        _types.Values.SelectMany(l => l).Select(t => (t.Type.Name, t.Type.FullName)).Distinct();

    public IEnumerable<string> AllMemberNames() => _members.Keys;

    public bool HasType(string simpleName) => _types.ContainsKey(simpleName);

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}

/// <summary>Reads each assembly's names once per process and each reference set's catalog once.</summary>
internal sealed class NameCatalogCache
{
    private readonly ConcurrentDictionary<string, Lazy<AssemblyNames>> _assemblies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<NameCatalog>> _catalogs = new(StringComparer.Ordinal);

    public NameCatalog For(ResolvedReferences references) =>
        _catalogs.GetOrAdd(references.Key, _ => new Lazy<NameCatalog>(() => new NameCatalog(
            references.Assemblies.Select(a => (Names(a.Path), a.Owner))))).Value;

    private AssemblyNames Names(string path) =>
        _assemblies.GetOrAdd(path, p => new Lazy<AssemblyNames>(() => AssemblyNames.Read(p))).Value;
}
