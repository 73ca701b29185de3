using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A doc ID cut in three for storage: the container (<c>M:System.Linq.Enumerable</c>), the simple name without arity
/// (<c>Chunk</c>) and the rest (<c>``1(System.Collections.Generic.IEnumerable{``0},System.Int32)</c>). The cut is by
/// position, so <see cref="Join"/> gives back the exact doc ID whatever it spells.
/// </summary>
internal readonly record struct DocIdParts(string Container, string Name, string Rest)
{
    /// <summary>The container without its <c>X:</c> prefix: the declaring type (members) or namespace (types).</summary>
    public string QualifiedContainer => Container.Length > 2 ? Container[2..] : "";

    public static DocIdParts Of(string docId)
    {
        if (docId.Length < 2 || docId[1] != ':') return new DocIdParts("", docId, "");
        var qualified = DocIds.QualifiedName(docId);
        var dot = qualified.LastIndexOf('.');
        var container = dot >= 0 ? docId[..(2 + dot)] : docId[..2];
        var nameStart = dot >= 0 ? 2 + dot + 1 : 2;
        var last = qualified[(dot + 1)..];
        var tick = last.IndexOf('`');
        var nameLength = tick >= 0 ? tick : last.Length;
        return new DocIdParts(container, docId.Substring(nameStart, nameLength), docId[(nameStart + nameLength)..]);
    }

    public static string Join(string container, string name, string rest) => container.Length switch
    {
        0 => name + rest,
        2 => string.Concat(container, name, rest),
        _ => string.Concat(container, ".", name, rest),
    };
}

/// <summary>A segment's keys, decoded: its scopes and each record's simple name (a number in the package's names, or text).</summary>
internal sealed class SegmentKeys(SegmentScopes scopes, int[] nameIds, string[]? literals)
{
    public SegmentScopes Scopes => scopes;

    public int Count => nameIds.Length;

    public string NameOf(int index, CatalogNames names)
    {
        var id = nameIds[index];
        if (id < 0) return literals![index];
        if (id >= names.Count) throw new InvalidDataException("Catalog segment refers to a name that is not stored.");
        return names[id];
    }

    /// <summary>The indexes of the records whose name <paramref name="matches"/> accepts; each distinct name is tested once.</summary>
    public List<int> Matching(CatalogNames names, Func<string, bool> matches)
    {
        var byId = new Dictionary<int, bool>();
        var found = new List<int>();
        for (var i = 0; i < nameIds.Length; i++)
        {
            var id = nameIds[i];
            bool hit;
            if (id < 0) hit = matches(literals![i]);
            else if (!byId.TryGetValue(id, out hit)) byId[id] = hit = id < names.Count && matches(names[id]);
            if (hit) found.Add(i);
        }
        return found;
    }
}
