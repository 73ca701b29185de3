namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A short list of nullable strings in one blob: the rarely read text of a row (an asset group's assemblies,
/// problems and notes; a version's dependencies). The first byte says how the rest is stored: 0 plain, 1 Brotli,
/// whichever is smaller (Brotli only pays off past a few dozen bytes, and the framework's notes are kilobytes).
/// </summary>
internal static class TextFields
{
    private const byte Plain = 0;
    private const byte Compressed = 1;

    public static byte[] Encode(IEnumerable<string?> fields)
    {
        using var raw = new MemoryStream();
        foreach (var field in fields) ColumnText.WriteNullable(raw, field);
        var bytes = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        var compressed = bytes.Length > 32 ? Compression.Compress(bytes) : null;
        if (compressed is not null && compressed.Length < bytes.Length) return [Compressed, .. compressed];
        return [Plain, .. bytes];
    }

    public static List<string?> Decode(ReadOnlySpan<byte> blob)
    {
        if (blob.Length == 0) throw new InvalidDataException("Index text blob is empty.");
        ReadOnlySpan<byte> raw = blob[0] switch
        {
            Plain => blob[1..],
            Compressed => Compression.Decompress(blob[1..]),
            _ => throw new InvalidDataException($"Index text blob has unknown storage {blob[0]}."),
        };
        var fields = new List<string?>();
        var position = 0;
        while (position < raw.Length) fields.Add(ColumnText.ReadNullable(raw, ref position));
        return fields;
    }
}
