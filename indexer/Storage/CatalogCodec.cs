using System.Text;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Serialises API variants into a catalog segment: records sorted by doc ID, each doc ID front-coded against
/// the previous one, every other field as length-prefixed text, the whole segment Brotli-compressed.
/// </summary>
internal static class CatalogCodec
{
    private const byte FormatVersion = 1;

    public static byte[] Encode(IReadOnlyList<ApiRecord> records)
    {
        using var stream = new MemoryStream(records.Count * 96);
        stream.WriteByte(FormatVersion);
        VarInt.Write(stream, (uint)records.Count);
        var previous = "";
        foreach (var record in records)
        {
            var shared = SharedPrefixLength(previous, record.DocId);
            VarInt.Write(stream, (uint)shared);
            WriteString(stream, record.DocId.AsSpan(shared));
            previous = record.DocId;
            stream.WriteByte((byte)record.Kind);
            VarInt.Write(stream, (uint)record.Flags);
            WriteString(stream, record.Display);
            WriteNullable(stream, record.DeclaringType);
            WriteNullable(stream, record.ReturnType);
            var parameters = record.Parameters;
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
                    WriteString(stream, p.Type);
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
        var raw = Compression.Decompress(blob);
        ReadOnlySpan<byte> data = raw;
        var position = 0;
        if (data.Length == 0 || data[position++] != FormatVersion) throw new InvalidDataException("Unknown catalog segment format.");
        var count = (int)VarInt.Read(data, ref position);
        var records = new ApiRecord[count];
        var previous = "";
        for (var i = 0; i < count; i++)
        {
            var shared = (int)VarInt.Read(data, ref position);
            if (shared > previous.Length) throw new InvalidDataException("Catalog segment front coding is corrupt.");
            var docId = string.Concat(previous.AsSpan(0, shared), ReadString(data, ref position));
            previous = docId;
            var kind = (ApiKind)data[position++];
            var flags = (ApiFlags)VarInt.Read(data, ref position);
            var display = ReadString(data, ref position);
            var declaringType = ReadNullable(data, ref position);
            var returnType = ReadNullable(data, ref position);
            var parameterCount = (int)VarInt.Read(data, ref position);
            ApiParameter[]? parameters = null;
            if (parameterCount > 0)
            {
                parameters = new ApiParameter[parameterCount - 1];
                for (var p = 0; p < parameters.Length; p++)
                {
                    var name = ReadString(data, ref position);
                    var type = ReadString(data, ref position);
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
            records[i] = new ApiRecord(docId, kind, flags, display, declaringType, returnType, parameters, arity,
                constraints, extendedType, baseType, interfaces, obsoleteMessage, diagnosticId);
        }
        if (position != data.Length) throw new InvalidDataException("Catalog segment has trailing data.");
        return records;
    }

    private static int SharedPrefixLength(string a, string b)
    {
        var max = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < max && a[i] == b[i]) i++;
        // Never split a surrogate pair between the shared prefix and the suffix.
        if (i > 0 && char.IsHighSurrogate(b[i - 1])) i--;
        return i;
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
