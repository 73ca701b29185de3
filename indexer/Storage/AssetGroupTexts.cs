namespace ApiTruth.Indexer.Storage;

/// <summary>
/// An asset group's text columns (assembly file names, problems, notes) as one <see cref="TextFields"/> blob: they are
/// read only to show a version's details, and the framework's notes alone are kilobytes of repetitive lines.
/// </summary>
internal static class AssetGroupTexts
{
    public static byte[] Encode(AssetGroupData group) =>
        TextFields.Encode(
        [
            string.Join('|', group.Assemblies),
            group.Problems.Count == 0 ? null : string.Join('\n', group.Problems),
            group.Notes is not { Count: > 0 } notes ? null : string.Join('\n', notes),
        ]);

    public static (IReadOnlyList<string> Assemblies, string? Problems, string? Notes) Decode(ReadOnlySpan<byte> blob)
    {
        var fields = TextFields.Decode(blob);
        if (fields.Count != 3 || fields[0] is null) throw new InvalidDataException("Asset group texts are malformed.");
        return (fields[0] is { Length: > 0 } assemblies ? assemblies.Split('|') : [], fields[1], fields[2]);
    }
}
