using System.Text;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.History.Index;

/// <summary>
/// Reads catalog segments (the indexer's <see cref="CatalogCodec"/> format 1) and builds records only for the APIs
/// whose last name part is one of the names asked for, skipping every other record's fields without allocating.
/// A one-shot history query on the framework series thus costs a decompression and a scan instead of decoding
/// tens of thousands of records. For any other format version it returns null and the caller decodes normally;
/// a test checks that it reads exactly what <see cref="CatalogCodec.Decode"/> reads.
/// </summary>
internal static class CatalogScanner
{
    private const byte KnownFormat = 1;

    /// <param name="segments">Each segment's first variant id and decompressed bytes.</param>
    /// <param name="names">Last name parts (<c>DeserializeObject</c>, <c>#ctor</c>, <c>List</c>), compared ignoring ASCII case.</param>
    public static List<(int Id, ApiRecord Api)>? Scan(IEnumerable<(int First, byte[] Raw)> segments, IReadOnlyCollection<string> names)
    {
        var targets = names.Select(n => Encoding.UTF8.GetBytes(n)).ToArray();
        var lengths = new HashSet<int>(targets.Select(t => t.Length));
        var found = new List<(int, ApiRecord)>();
        var docId = new byte[256];
        foreach (var (first, raw) in segments)
        {
            ReadOnlySpan<byte> data = raw;
            var position = 0;
            if (data.Length == 0 || data[position++] != KnownFormat) return null;
            var count = (int)VarInt.Read(data, ref position);
            var length = 0;
            for (var i = 0; i < count; i++)
            {
                var shared = (int)VarInt.Read(data, ref position);
                var suffix = (int)VarInt.Read(data, ref position);
                if (shared > length || position + suffix > data.Length) throw new InvalidDataException("Catalog segment is corrupt.");
                if (shared + suffix > docId.Length) Array.Resize(ref docId, Math.Max(docId.Length * 2, shared + suffix));
                data.Slice(position, suffix).CopyTo(docId.AsSpan(shared));
                position += suffix;
                length = shared + suffix;
                var name = LastName(docId.AsSpan(0, length));
                if (lengths.Contains(name.Length) && Matches(name, targets))
                    found.Add((first + i, ReadRecord(Encoding.UTF8.GetString(docId, 0, length), data, ref position)));
                else
                    SkipRecord(data, ref position);
            }
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

    private static void SkipRecord(ReadOnlySpan<byte> data, ref int position)
    {
        position++; // kind
        VarInt.Read(data, ref position); // flags
        Skip(data, ref position); // display
        SkipNullable(data, ref position); // declaring type
        SkipNullable(data, ref position); // return type
        var parameters = (int)VarInt.Read(data, ref position);
        for (var p = 0; p < parameters - 1; p++)
        {
            Skip(data, ref position);
            Skip(data, ref position);
            position += 2; // modifier, bits
            SkipNullable(data, ref position);
        }
        VarInt.Read(data, ref position); // arity
        SkipNullable(data, ref position); // constraints
        SkipNullable(data, ref position); // extended type
        SkipNullable(data, ref position); // base type
        var interfaces = (int)VarInt.Read(data, ref position);
        for (var n = 0; n < interfaces; n++) Skip(data, ref position);
        SkipNullable(data, ref position); // obsolete message
        SkipNullable(data, ref position); // diagnostic id
    }

    private static ApiRecord ReadRecord(string docId, ReadOnlySpan<byte> data, ref int position)
    {
        var kind = (ApiKind)data[position++];
        var flags = (ApiFlags)VarInt.Read(data, ref position);
        var display = Read(data, ref position);
        var declaringType = ReadNullable(data, ref position);
        var returnType = ReadNullable(data, ref position);
        var parameterCount = (int)VarInt.Read(data, ref position);
        ApiParameter[]? parameters = null;
        if (parameterCount > 0)
        {
            parameters = new ApiParameter[parameterCount - 1];
            for (var p = 0; p < parameters.Length; p++)
            {
                var name = Read(data, ref position);
                var type = Read(data, ref position);
                var modifier = (ParameterModifier)data[position++];
                var bits = data[position++];
                var defaultValue = ReadNullable(data, ref position);
                parameters[p] = new ApiParameter(name, type, modifier, (bits & 1) != 0, defaultValue, (bits & 2) != 0);
            }
        }
        var arity = (int)VarInt.Read(data, ref position);
        var constraints = ReadNullable(data, ref position);
        var extendedType = ReadNullable(data, ref position);
        var baseType = ReadNullable(data, ref position);
        var interfaceCount = (int)VarInt.Read(data, ref position);
        string[]? interfaces = null;
        if (interfaceCount > 0)
        {
            interfaces = new string[interfaceCount];
            for (var n = 0; n < interfaceCount; n++) interfaces[n] = Read(data, ref position);
        }
        var obsoleteMessage = ReadNullable(data, ref position);
        var diagnosticId = ReadNullable(data, ref position);
        return new ApiRecord(docId, kind, flags, display, declaringType, returnType, parameters, arity, constraints, extendedType, baseType,
            interfaces, obsoleteMessage, diagnosticId);
    }

    private static void Skip(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        position += length;
    }

    private static void SkipNullable(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if (length > 0) position += length - 1;
    }

    private static string Read(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }

    private static string? ReadNullable(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if (length == 0) return null;
        var text = Encoding.UTF8.GetString(data.Slice(position, length - 1));
        position += length - 1;
        return text;
    }
}
