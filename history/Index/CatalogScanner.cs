using System.Text;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Index;

/// <summary>
/// Finds the APIs whose last name part is one of the names asked for, through <see cref="CatalogCodec.Scan"/>, which
/// materialises only matching records. A one-shot history query on the framework series thus costs a decompression
/// and a scan instead of decoding tens of thousands of records.
/// </summary>
internal static class CatalogScanner
{
    /// <param name="segments">Each segment's first variant id and decompressed bytes.</param>
    /// <param name="names">Last name parts (<c>DeserializeObject</c>, <c>#ctor</c>, <c>List</c>), compared ignoring ASCII case.</param>
    public static List<(int Id, ApiRecord Api)> Scan(IEnumerable<(int First, byte[] Raw)> segments, IReadOnlyCollection<string> names)
    {
        var targets = names.Select(n => Encoding.UTF8.GetBytes(n)).ToArray();
        var lengths = new HashSet<int>(targets.Select(t => t.Length));
        var found = new List<(int, ApiRecord)>();
        var matches = new List<(int Index, ApiRecord Api)>();
        foreach (var (first, raw) in segments)
        {
            matches.Clear();
            CatalogCodec.Scan(raw, docId =>
            {
                var name = LastName(docId);
                return lengths.Contains(name.Length) && Matches(name, targets);
            }, matches);
            found.AddRange(matches.Select(m => (first + m.Index, m.Api)));
        }
        return found;
    }

    /// <summary>The doc ID's last name part without arity, or empty for an explicit interface implementation.</summary>
    private static ReadOnlySpan<byte> LastName(ReadOnlySpan<byte> docId)
    {
        var qualified = docId.Length > 2 && docId[1] == (byte)':' ? docId[2..] : docId;
        var end = qualified.IndexOfAny((byte)'(', (byte)'~');
        if (end >= 0) qualified = qualified[..end];
        var name = qualified[(qualified.LastIndexOf((byte)'.') + 1)..];
        var tick = name.IndexOf((byte)'`');
        if (tick >= 0) name = name[..tick];
        var hash = name.LastIndexOf((byte)'#');
        return hash > 0 ? [] : name;
    }

    private static bool Matches(ReadOnlySpan<byte> name, byte[][] targets)
    {
        foreach (var target in targets)
            if (System.Text.Ascii.EqualsIgnoreCase(name, target) || name.SequenceEqual(target)) return true;
        return false;
    }
}
