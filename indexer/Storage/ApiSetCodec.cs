using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// An asset group's API set: the sorted variant ids, delta-encoded and compressed. Consecutive versions of a
/// package share most variants, so deltas are mostly 1 and the blob is a fraction of a byte per API.
/// </summary>
internal static class ApiSetCodec
{
    public static (byte[] Blob, long Hash) Encode(IReadOnlyList<int> sortedDistinctIds)
    {
        using var raw = new MemoryStream(sortedDistinctIds.Count * 2);
        var previous = -1;
        foreach (var id in sortedDistinctIds)
        {
            if (id <= previous) throw new ArgumentException("API set ids must be sorted and distinct.", nameof(sortedDistinctIds));
            VarInt.Write(raw, (uint)(id - previous));
            previous = id;
        }
        var bytes = raw.GetBuffer().AsSpan(0, (int)raw.Length);
        // 64 bits tell sets apart all but never; the writer compares the blobs on a hash hit, so a collision costs a row, not a wrong set.
        return (Compression.Compress(bytes), BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(bytes)));
    }

    public static int[] Decode(ReadOnlySpan<byte> blob, int count)
    {
        var raw = Compression.Decompress(blob);
        var ids = new int[count];
        var position = 0;
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            previous += (int)VarInt.Read(raw, ref position);
            ids[i] = previous;
        }
        if (position != raw.Length) throw new InvalidDataException("API set blob has trailing data.");
        return ids;
    }
}
