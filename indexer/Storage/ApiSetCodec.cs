namespace ApiTruth.Indexer.Storage;

/// <summary>
/// An asset group's API set: the sorted variant ids, delta-encoded and compressed. Consecutive versions of a
/// package share most variants, so deltas are mostly 1 and the blob is a fraction of a byte per API. A set may
/// instead be stored as the ids that differ from a base set (<see cref="Difference"/>, <see cref="Apply"/>): sibling
/// TFM folders and consecutive versions differ in a handful of variants scattered over the whole id range.
/// </summary>
internal static class ApiSetCodec
{
    public static byte[] Encode(IReadOnlyList<int> sortedDistinctIds)
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
        return Compression.Compress(bytes);
    }

    public static int[] Decode(ReadOnlySpan<byte> blob, int count)
    {
        var ids = Decode(blob);
        if (ids.Length != count) throw new InvalidDataException("API set blob does not hold its count of ids.");
        return ids;
    }

    /// <summary>Every id in the blob (a difference blob's count is not stored).</summary>
    public static int[] Decode(ReadOnlySpan<byte> blob)
    {
        var raw = Compression.Decompress(blob);
        var ids = new List<int>(raw.Length);
        var position = 0;
        var previous = -1;
        while (position < raw.Length)
        {
            previous += (int)VarInt.Read(raw, ref position);
            ids.Add(previous);
        }
        return [.. ids];
    }

    /// <summary>The ids in exactly one of two sorted distinct lists, sorted.</summary>
    public static List<int> Difference(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var result = new List<int>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i] < b[j])) result.Add(a[i++]);
            else if (i == a.Length || b[j] < a[i]) result.Add(b[j++]);
            else
            {
                i++;
                j++;
            }
        }
        return result;
    }

    /// <summary>The set a difference was taken against <paramref name="baseIds"/> for; <paramref name="count"/> checks it.</summary>
    public static int[] Apply(ReadOnlySpan<int> baseIds, ReadOnlySpan<int> difference, int count)
    {
        var ids = Difference(baseIds, difference);
        if (ids.Count != count) throw new InvalidDataException("API set does not match its base set.");
        return [.. ids];
    }
}
