namespace ApiTruth.Indexer.Storage;

/// <summary>LEB128 unsigned integers: small numbers (deltas, lengths) cost one byte.</summary>
internal static class VarInt
{
    public static void Write(Stream stream, uint value)
    {
        while (value >= 0x80)
        {
            stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        stream.WriteByte((byte)value);
    }

    public static uint Read(ReadOnlySpan<byte> data, ref int position)
    {
        uint result = 0;
        var shift = 0;
        while (true)
        {
            if (position >= data.Length) throw new InvalidDataException("Truncated integer in index blob.");
            var b = data[position++];
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return result;
            shift += 7;
            if (shift > 28) throw new InvalidDataException("Malformed integer in index blob.");
        }
    }
}
