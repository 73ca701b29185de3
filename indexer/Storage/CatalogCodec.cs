using System.Text;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>Decides from a doc ID's UTF-8 bytes whether a record is wanted.</summary>
internal delegate bool DocIdFilter(ReadOnlySpan<byte> docIdUtf8);

/// <summary>
/// Serialises API variants into a catalog segment: records sorted by doc ID, each doc ID front-coded against
/// the previous one, every other field as length-prefixed text, the whole segment Brotli-compressed. Facts that
/// the doc ID already spells (the declaring type, the parameter types) are not written again when they agree.
/// </summary>
internal static class CatalogCodec
{
    private const byte FormatVersion = 2;
    private const byte DeclaringTypeFromDocId = 1;
    private const byte ParameterTypesFromDocId = 2;

    public static byte[] Encode(IReadOnlyList<ApiRecord> records)
    {
        using var stream = new MemoryStream(records.Count * 96);
        stream.WriteByte(FormatVersion);
        VarInt.Write(stream, (uint)records.Count);
        var previous = Array.Empty<byte>();
        foreach (var record in records)
        {
            var docId = Encoding.UTF8.GetBytes(record.DocId);
            var shared = docId.AsSpan().CommonPrefixLength(previous);
            VarInt.Write(stream, (uint)shared);
            VarInt.Write(stream, (uint)(docId.Length - shared));
            stream.Write(docId.AsSpan(shared));
            previous = docId;
            stream.WriteByte((byte)record.Kind);
            VarInt.Write(stream, (uint)record.Flags);
            var parameters = record.Parameters;
            var derived = (record.DeclaringType is not null && record.DeclaringType == DocIds.ContainingType(record.DocId) ? DeclaringTypeFromDocId : 0)
                | (parameters is { Count: > 0 } && DocIds.ParameterTypes(record.DocId).SequenceEqual(parameters.Select(p => p.Type)) ? ParameterTypesFromDocId : 0);
            stream.WriteByte((byte)derived);
            WriteString(stream, record.Display);
            if ((derived & DeclaringTypeFromDocId) == 0) WriteNullable(stream, record.DeclaringType);
            WriteNullable(stream, record.ReturnType);
            if (parameters is null)
            {
                VarInt.Write(stream, 0);
            }
            else
            {
                VarInt.Write(stream, (uint)parameters.Count + 1);
                foreach (var p in parameters)
                {
                    WriteString(stream, p.Name);
                    if ((derived & ParameterTypesFromDocId) == 0) WriteString(stream, p.Type);
                    stream.WriteByte((byte)p.Modifier);
                    stream.WriteByte((byte)((p.IsOptional ? 1 : 0) | (p.IsParams ? 2 : 0)));
                    WriteNullable(stream, p.DefaultValue);
                }
            }
            VarInt.Write(stream, (uint)record.GenericArity);
            WriteNullable(stream, record.GenericConstraints);
            WriteNullable(stream, record.ExtendedType);
            WriteNullable(stream, record.BaseType);
            var interfaces = record.InterfaceList;
            VarInt.Write(stream, (uint)interfaces.Count);
            foreach (var i in interfaces) WriteString(stream, i);
            WriteNullable(stream, record.ObsoleteMessage);
            WriteNullable(stream, record.ObsoleteDiagnosticId);
        }
        return Compression.Compress(stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public static ApiRecord[] Decode(ReadOnlySpan<byte> blob)
    {
        var found = new List<(int Index, ApiRecord Api)>();
        Scan(Compression.Decompress(blob), null, found);
        return [.. found.Select(f => f.Api)];
    }

    /// <summary>
    /// Reads a decompressed segment and materialises only the records whose doc ID (as UTF-8) the filter accepts,
    /// skipping the others' fields without allocating: a query for one name over a framework's tens of thousands
    /// of APIs then costs a scan, not a full decode. A null filter takes every record.
    /// </summary>
    public static void Scan(ReadOnlySpan<byte> data, DocIdFilter? filter, List<(int Index, ApiRecord Api)> found)
    {
        var position = 0;
        if (data.Length == 0 || data[position++] != FormatVersion) throw new InvalidDataException($"catalog segment format {(data.Length == 0 ? "(empty)" : data[0].ToString(System.Globalization.CultureInfo.InvariantCulture))} is not the format {FormatVersion} this ApiTruth reads; rebuild the index with 'apitruth index --force'.");
        var count = (int)VarInt.Read(data, ref position);
        var docIdBytes = new byte[256];
        var length = 0;
        for (var i = 0; i < count; i++)
        {
            var shared = (int)VarInt.Read(data, ref position);
            var suffix = (int)VarInt.Read(data, ref position);
            if (shared > length || position + suffix > data.Length) throw new InvalidDataException("Catalog segment front coding is corrupt.");
            if (shared + suffix > docIdBytes.Length) Array.Resize(ref docIdBytes, Math.Max(docIdBytes.Length * 2, shared + suffix));
            data.Slice(position, suffix).CopyTo(docIdBytes.AsSpan(shared));
            position += suffix;
            length = shared + suffix;
            if (filter is null || filter(docIdBytes.AsSpan(0, length)))
                found.Add((i, ReadRecord(Encoding.UTF8.GetString(docIdBytes, 0, length), data, ref position)));
            else
                SkipRecord(data, ref position);
        }
        if (position != data.Length) throw new InvalidDataException("Catalog segment has trailing data.");
    }

    private static ApiRecord ReadRecord(string docId, ReadOnlySpan<byte> data, ref int position)
    {
        var kind = (ApiKind)data[position++];
        var flags = (ApiFlags)VarInt.Read(data, ref position);
        var derived = data[position++];
        var display = ReadString(data, ref position);
        var declaringType = (derived & DeclaringTypeFromDocId) != 0 ? DocIds.ContainingType(docId) : ReadNullable(data, ref position);
        var returnType = ReadNullable(data, ref position);
        var parameterCount = (int)VarInt.Read(data, ref position);
        ApiParameter[]? parameters = null;
        if (parameterCount > 0)
        {
            parameters = new ApiParameter[parameterCount - 1];
            var typesFromDocId = (derived & ParameterTypesFromDocId) != 0 ? DocIds.ParameterTypes(docId) : null;
            for (var p = 0; p < parameters.Length; p++)
            {
                var name = ReadString(data, ref position);
                var type = typesFromDocId is not null ? typesFromDocId[p] : ReadString(data, ref position);
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
            for (var n = 0; n < interfaceCount; n++) interfaces[n] = ReadString(data, ref position);
        }
        var obsoleteMessage = ReadNullable(data, ref position);
        var diagnosticId = ReadNullable(data, ref position);
        return new ApiRecord(docId, kind, flags, display, declaringType, returnType, parameters, arity,
            constraints, extendedType, baseType, interfaces, obsoleteMessage, diagnosticId);
    }

    private static void SkipRecord(ReadOnlySpan<byte> data, ref int position)
    {
        position++; // kind
        VarInt.Read(data, ref position); // flags
        var derived = data[position++];
        Skip(data, ref position); // display
        if ((derived & DeclaringTypeFromDocId) == 0) SkipNullable(data, ref position);
        SkipNullable(data, ref position); // return type
        var parameterCount = (int)VarInt.Read(data, ref position);
        for (var p = 0; p < parameterCount - 1; p++)
        {
            Skip(data, ref position); // name
            if ((derived & ParameterTypesFromDocId) == 0) Skip(data, ref position);
            position += 2; // modifier, bits
            SkipNullable(data, ref position); // default
        }
        VarInt.Read(data, ref position); // arity
        SkipNullable(data, ref position); // constraints
        SkipNullable(data, ref position); // extended type
        SkipNullable(data, ref position); // base type
        var interfaceCount = (int)VarInt.Read(data, ref position);
        for (var n = 0; n < interfaceCount; n++) Skip(data, ref position);
        SkipNullable(data, ref position); // obsolete message
        SkipNullable(data, ref position); // diagnostic id
        if (position > data.Length) throw new InvalidDataException("Catalog segment record is truncated.");
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

    private static void WriteString(Stream stream, ReadOnlySpan<char> text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        VarInt.Write(stream, (uint)byteCount);
        Span<byte> buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        stream.Write(buffer);
    }

    private static void WriteNullable(Stream stream, string? text)
    {
        if (text is null)
        {
            VarInt.Write(stream, 0);
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(text);
        VarInt.Write(stream, (uint)byteCount + 1);
        Span<byte> buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        stream.Write(buffer);
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if (position + length > data.Length) throw new InvalidDataException("Catalog segment string is truncated.");
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }

    private static string? ReadNullable(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if (length == 0) return null;
        length--;
        if (position + length > data.Length) throw new InvalidDataException("Catalog segment string is truncated.");
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }
}
