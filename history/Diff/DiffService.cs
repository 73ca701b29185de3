using ApiTruth.History.Index;
using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using NuGet.Frameworks;

namespace ApiTruth.History.Diff;

/// <summary>
/// Compares the compile-time surfaces of two versions of a package (or two framework monikers): for each, the asset
/// group a project of the target framework compiles against, resolved to API records by doc ID. A doc ID on both
/// sides with a different variant id is a changed API; its facts are compared one by one.
/// </summary>
internal sealed class DiffService(IndexView view)
{
    public DiffService(IndexReader reader)
        : this(new IndexView(reader))
    {
    }

    public DiffResult Diff(DiffRequest request)
    {
        var package = view.FindPackage(request.Package) ?? throw new PackageNotIndexedException(request.Package, []);
        var timeline = view.Timeline(package);
        var from = IndexedVersion(timeline, request.From);
        var to = IndexedVersion(timeline, request.To);
        NuGetFramework? framework = null;
        if (package.Kind == PackageKind.Package)
        {
            if (request.Framework is { } text)
            {
                framework = NuGetFramework.Parse(text);
                if (framework.IsUnsupported || framework.Version.Major == 0 && !framework.IsAny)
                    throw new HistoryInputException($"'{text}' is not a target framework moniker (e.g. net8.0, netstandard2.0, net472).");
            }
            else
            {
                var later = VersionOrder.Compare(package.Kind, from.Version, to.Version) <= 0 ? to : from;
                framework = StoredAssetSelection.NewestFramework(later.Groups) ?? NuGetFramework.AnyFramework;
            }
        }
        var fromGroup = Group(package, from, framework);
        var toGroup = Group(package, to, framework);
        var catalog = view.Catalog(package);
        var before = Resolve(catalog, fromGroup);
        var after = Resolve(catalog, toGroup);
        var types = new Dictionary<string, ApiRecord>(StringComparer.Ordinal);
        foreach (var (_, api) in before.Values.Concat(after.Values))
            if (api.Kind.IsType()) types.TryAdd(api.DocId, api);

        var added = new List<DiffEntry>();
        var removed = new List<DiffEntry>();
        var changed = new List<ChangedApi>();
        foreach (var (docId, (id, api)) in after)
        {
            if (!before.TryGetValue(docId, out var old)) added.Add(Entry(api, types));
            else if (old.Id != id)
            {
                var changes = ApiComparison.Compare(old.Api, api);
                if (request.BreakingOnly) changes = changes.Where(c => c.Breaking).ToList();
                if (changes.Count > 0) changed.Add(new ChangedApi(Entry(api, types), changes));
            }
        }
        foreach (var (docId, (_, api)) in before)
            if (!after.ContainsKey(docId)) removed.Add(Entry(api, types));

        return new DiffResult(package.Name, from.Version, to.Version, framework?.GetShortFolderName(), fromGroup.Path, toGroup.Path,
            request.BreakingOnly, request.BreakingOnly ? [] : Sorted(added), Sorted(removed),
            changed.OrderBy(c => c.Api.Namespace, StringComparer.Ordinal).ThenBy(c => c.Api.Type, StringComparer.Ordinal)
                .ThenBy(c => c.Api.Symbol, StringComparer.Ordinal).ToList());
    }

    private static TimelineVersion IndexedVersion(PackageTimeline timeline, string version)
    {
        var found = timeline.Find(version);
        if (found is null)
        {
            var indexed = timeline.Versions.Where(v => v.IsIndexed).Select(v => v.Version).ToList();
            throw new VersionNotIndexedException(timeline.Package.Name, version,
                indexed.Count == 0 ? "" : $" (indexed: {string.Join(", ", indexed.TakeLast(12))})");
        }
        if (!found.IsIndexed)
            throw new VersionNotIndexedException(timeline.Package.Name, found.Version, $" ({found.Stored.Status}: {found.Stored.Reason})");
        return found;
    }

    private static StoredAssetGroup Group(StoredPackage package, TimelineVersion version, NuGetFramework? framework) =>
        StoredAssetSelection.Select(version.Groups, framework ?? NuGetFramework.AnyFramework)
            ?? throw new HistoryInputException(
                $"{package.Name} {version.Version} has no asset for {framework?.GetShortFolderName()} (it has {string.Join(", ", version.Groups.Select(g => g.Path))}); pass --framework.");

    private Dictionary<string, (int Id, ApiRecord Api)> Resolve(PackageCatalog catalog, StoredAssetGroup group)
    {
        var result = new Dictionary<string, (int, ApiRecord)>(StringComparer.Ordinal);
        if (group.ApiSetId is not { } setId) return result;
        foreach (var id in view.ApiSet(setId))
            if (catalog.Get(id) is { } api) result.TryAdd(api.DocId, (id, api));
        return result;
    }

    private static DiffEntry Entry(ApiRecord api, Dictionary<string, ApiRecord> types)
    {
        var typeId = api.Kind.IsType() ? api.DocId : api.DeclaringType ?? DocIds.ContainingType(api.DocId) ?? api.DocId;
        var ns = Namespace(typeId, types);
        var qualified = DocIds.QualifiedName(typeId).ToString();
        var typeName = ns.Length > 0 && qualified.StartsWith(ns + ".", StringComparison.Ordinal) ? qualified[(ns.Length + 1)..] : qualified;
        return new DiffEntry(ns, ReadableArity(typeName), api.DocId, api.Display, api.Kind);
    }

    /// <summary><c>JsonConverter`1</c> → <c>JsonConverter&lt;T&gt;</c>, <c>Dictionary`2</c> → <c>Dictionary&lt;T1, T2&gt;</c> (doc IDs keep no parameter names).</summary>
    private static string ReadableArity(string typeName) =>
        System.Text.RegularExpressions.Regex.Replace(typeName, @"`(\d+)", m =>
        {
            var arity = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            return arity == 1 ? "<T>" : "<" + string.Join(", ", Enumerable.Range(1, arity).Select(i => $"T{i}")) + ">";
        });

    /// <summary>The namespace of a type, following nested types out to the top-level one (its doc ID alone cannot tell).</summary>
    private static string Namespace(string typeId, Dictionary<string, ApiRecord> types)
    {
        var current = typeId;
        for (var depth = 0; depth < 16; depth++)
        {
            if (!types.TryGetValue(current, out var type) || !type.Has(ApiFlags.Nested) || type.DeclaringType is null) break;
            current = type.DeclaringType;
        }
        return DocIds.NamespaceOfTopLevelType(current);
    }

    private static List<DiffEntry> Sorted(List<DiffEntry> entries) =>
        entries.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Type, StringComparer.Ordinal)
            .ThenBy(e => e.Kind.IsType() ? 0 : 1).ThenBy(e => e.Symbol, StringComparer.Ordinal).ToList();
}
