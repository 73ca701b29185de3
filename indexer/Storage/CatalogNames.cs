using System.Text;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A package's simple names (types and members, not constructors, finalizers or explicit implementations), numbered in
/// the order segments added them: each segment stores only the names it introduced, sorted, and its doc IDs refer to
/// names by number. The list is what <c>find</c> and name-level checks read; the numbers make doc IDs a fraction of
/// their text, since a name is written once per package instead of once per type that has it.
/// </summary>
internal sealed class CatalogNames
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    public int Count => _names.Count;

    public string this[int id] => _names[id];

    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);

    public bool Contains(string name) => _ids.ContainsKey(name);

    /// <summary>The name a record adds to the list, or null when it adds none.</summary>
    public static string? ListedName(ApiRecord record)
    {
        if (record.Kind is ApiKind.Constructor or ApiKind.Finalizer) return null;
        if (record.Has(ApiFlags.ExplicitInterfaceImplementation)) return null;
        return record.Name;
    }

    /// <summary>Appends a segment's new names (already sorted) and numbers them after the existing ones.</summary>
    public void Append(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (_ids.TryAdd(name, _names.Count)) _names.Add(name);
        }
    }

    /// <summary>All names, sorted ordinally.</summary>
    public string[] Sorted()
    {
        var sorted = _names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    public static byte[]? Encode(IReadOnlyList<string> newNames) =>
        newNames.Count == 0 ? null : Compression.Compress(Encoding.UTF8.GetBytes(string.Join('\n', newNames)));

    public static string[] Decode(byte[]? blob) =>
        blob is null ? [] : Encoding.UTF8.GetString(Compression.Decompress(blob)).Split('\n');
}
