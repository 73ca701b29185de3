namespace ApiTruth.Indexer.Storage;

/// <summary>
/// A version's nuspec dependencies as one <see cref="TextFields"/> blob on its row (framework, package, range per
/// dependency, in nuspec order): a row per dependency cost more in row and index overhead than its text.
/// </summary>
internal static class DependencyTexts
{
    public static byte[] Encode(IReadOnlyList<DependencyData> dependencies) =>
        TextFields.Encode(dependencies.SelectMany(d => new[] { d.Framework, d.Package, d.Range }));

    public static List<StoredDependency> Decode(ReadOnlySpan<byte> blob)
    {
        var fields = TextFields.Decode(blob);
        if (fields.Count % 3 != 0 || fields.Any(f => f is null)) throw new InvalidDataException("Dependency texts are malformed.");
        var dependencies = new List<StoredDependency>(fields.Count / 3);
        for (var i = 0; i < fields.Count; i += 3) dependencies.Add(new StoredDependency(fields[i]!, fields[i + 1]!, fields[i + 2]!));
        return dependencies;
    }
}
