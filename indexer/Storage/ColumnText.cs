using System.Text;

namespace ApiTruth.Indexer.Storage;

/// <summary>Length-prefixed UTF-8 text in index blobs; the nullable form stores length + 1, so 0 is null.</summary>
internal static class ColumnText
{
    public static void Write(Stream stream, ReadOnlySpan<char> text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        VarInt.Write(stream, (uint)byteCount);
        WriteBytes(stream, text, byteCount);
    }

    public static void WriteNullable(Stream stream, string? text)
    {
        if (text is null)
        {
            VarInt.Write(stream, 0);
            return;
        }
        var byteCount = Encoding.UTF8.GetByteCount(text);
        VarInt.Write(stream, (uint)byteCount + 1);
        WriteBytes(stream, text, byteCount);
    }

    public static string Read(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        return Take(data, ref position, length);
    }

    public static string? ReadNullable(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        return length == 0 ? null : Take(data, ref position, length - 1);
    }

    /// <summary>The bytes of a text field without decoding it.</summary>
    public static ReadOnlySpan<byte> ReadBytes(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if ((uint)(position + length) > (uint)data.Length) throw new InvalidDataException("Catalog segment string is truncated.");
        var bytes = data.Slice(position, length);
        position += length;
        return bytes;
    }

    public static void Skip(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        position += length;
    }

    public static void SkipNullable(ReadOnlySpan<byte> data, ref int position)
    {
        var length = (int)VarInt.Read(data, ref position);
        if (length > 0) position += length - 1;
    }

    private static void WriteBytes(Stream stream, ReadOnlySpan<char> text, int byteCount)
    {
        Span<byte> buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, buffer);
        stream.Write(buffer);
    }

    private static string Take(ReadOnlySpan<byte> data, ref int position, int length)
    {
        if (length < 0 || (uint)(position + length) > (uint)data.Length) throw new InvalidDataException("Catalog segment string is truncated.");
        var text = Encoding.UTF8.GetString(data.Slice(position, length));
        position += length;
        return text;
    }
}
