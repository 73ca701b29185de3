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

    // Number by name, made at the first lookup: a reader only goes from numbers to names, and hashing the framework's
    // ~18,000 names cost a one-shot query milliseconds. The writer never stores a name twice (a segment lists only names
    // that are new to the package), so a name's number is its position.
    private Dictionary<string, int>? _ids;

    public int Count => _names.Count;

    public string this[int id] => _names[id];

    public bool TryGetId(string name, out int id) => Ids().TryGetValue(name, out id);

    public bool Contains(string name) => Ids().ContainsKey(name);

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
            if (_ids is null) _names.Add(name);
            else if (_ids.TryAdd(name, _names.Count)) _names.Add(name);
        }
    }

    /// <summary>
    /// Marks the numbers of the names <paramref name="matches"/> accepts, one test per name: a lookup of a few names then
    /// costs a pass over the names and one array read per record.
    /// </summary>
    public bool[] Matching(Func<string, bool> matches)
    {
        var hits = new bool[_names.Count];
        for (var i = 0; i < hits.Length; i++) hits[i] = matches(_names[i]);
        return hits;
    }

    private Dictionary<string, int> Ids()
    {
        if (_ids is { } ids) return ids;
        ids = new Dictionary<string, int>(_names.Count, StringComparer.Ordinal);
        for (var i = 0; i < _names.Count; i++)
        {
            if (!ids.TryAdd(_names[i], i)) throw new InvalidDataException($"Catalog names list '{_names[i]}' twice; rebuild the index with 'apitruth index --force'.");
        }
        return _ids = ids;
    }

    /// <summary>All names, sorted ordinally.</summary>
    public string[] Sorted()
    {
        var sorted = _names.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    // Sorted names share long prefixes (GetHashCode, GetType, GetTypeCode): each is written as the length it shares
    // with the previous one and the rest.
    public static byte[]? Encode(IReadOnlyList<string> newNames)
    {
        if (newNames.Count == 0) return null;
        using var raw = new MemoryStream(newNames.Count * 12);
        VarInt.Write(raw, (uint)newNames.Count);
        var previous = "";
        foreach (var name in newNames)
        {
            var shared = name.AsSpan().CommonPrefixLength(previous);
            VarInt.Write(raw, (uint)shared);
            raw.Write(Encoding.UTF8.GetBytes(name, shared, name.Length - shared));
            raw.WriteByte((byte)'\n');
            previous = name;
        }
        return Compression.Compress(raw.GetBuffer().AsSpan(0, (int)raw.Length));
    }

    public static string[] Decode(byte[]? blob)
    {
        if (blob is null) return [];
        var raw = Compression.Decompress(blob);
        var position = 0;
        var names = new string[VarInt.Read(raw, ref position)];
        var previous = "";
        for (var i = 0; i < names.Length; i++)
        {
            var shared = (int)VarInt.Read(raw, ref position);
            if (shared > previous.Length) throw new InvalidDataException("Catalog names are corrupt.");
            var end = raw.AsSpan(position).IndexOf((byte)'\n');
            if (end < 0) throw new InvalidDataException("Catalog names are truncated.");
            names[i] = previous = string.Concat(previous.AsSpan(0, shared), Encoding.UTF8.GetString(raw, position, end));
            position += end + 1;
        }
        if (position != raw.Length) throw new InvalidDataException("Catalog names have trailing data.");
        return names;
    }
}
