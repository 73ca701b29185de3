using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A doc ID cut for storage: the prefix letter (<c>M</c>), the container (<c>System.Linq.Enumerable</c>: declaring type
/// of a member, namespace of a type), the simple name without arity (<c>Chunk</c>) and the rest
/// (<c>``1(System.Collections.Generic.IEnumerable{``0},System.Int32)</c>). A doc ID that does not cut cleanly is kept
/// whole as the name with prefix 0, so <see cref="Join"/> always gives back the exact doc ID.
/// </summary>
internal readonly record struct DocIdParts(char Prefix, string Container, string Name, string Rest)
{
    public static DocIdParts Of(string docId)
    {
        if (docId.Length >= 2 && docId[1] == ':')
        {
            var qualified = DocIds.QualifiedName(docId);
            var dot = qualified.LastIndexOf('.');
            var last = qualified[(dot + 1)..];
            var tick = last.IndexOf('`');
            var nameStart = 2 + dot + 1;
            var nameLength = tick >= 0 ? tick : last.Length;
            var parts = new DocIdParts(docId[0], dot > 0 ? docId.Substring(2, dot) : "", docId.Substring(nameStart, nameLength),
                docId[(nameStart + nameLength)..]);
            if (dot != 0 && parts.Prefix != '\0') return parts;
        }
        return new DocIdParts('\0', "", docId, "");
    }

    public string Join() => Join(Prefix, Container, Name, Rest);

    public static string Join(char prefix, string container, string name, string rest)
    {
        if (prefix == '\0') return name + rest;
        return container.Length == 0 ? string.Concat([prefix.ToString(), ":", name, rest]) : string.Concat([prefix.ToString(), ":", container, ".", name, rest]);
    }

    /// <summary>The prefix letter a doc ID of this kind has.</summary>
    public static char PrefixOf(ApiKind kind) => kind switch
    {
        _ when kind.IsType() => 'T',
        ApiKind.Property or ApiKind.Indexer => 'P',
        ApiKind.Field or ApiKind.Const or ApiKind.EnumValue => 'F',
        ApiKind.Event => 'E',
        _ => 'M',
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

    /// <summary>
    /// The indexes of the records whose name is marked in <paramref name="namesMatched"/> (by number, from
    /// <see cref="CatalogNames.Matching"/>), or, for a name stored as text, that <paramref name="matches"/> accepts.
    /// </summary>
    public List<int> Matching(bool[] namesMatched, Func<string, bool> matches)
    {
        var found = new List<int>();
        for (var i = 0; i < nameIds.Length; i++)
        {
            var id = nameIds[i];
            if (id < 0 ? matches(literals![i]) : id < namesMatched.Length && namesMatched[id]) found.Add(i);
        }
        return found;
    }
}
