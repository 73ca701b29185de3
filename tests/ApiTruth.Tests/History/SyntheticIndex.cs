using ApiTruth.Indexer.Model;
using ApiTruth.Indexer.Storage;
using ApiTruth.Tests.Storage;

namespace ApiTruth.Tests.History;

/// <summary>
/// A small hand-made index for the mechanics of history, diff and find (asset selection, gaps, prereleases, variants),
/// written through the real <see cref="IndexWriter"/>. Facts about real packages are in <see cref="RealPackageHistoryTests"/>.
/// </summary>
public sealed class SyntheticIndex : IDisposable
{
    private readonly TempIndex _temp = new();

    public SyntheticIndex()
    {
        using var writer = new IndexWriter(_temp.FilePath);
        var json = Type("T:Acme.Json", "public static class Json");
        var parse = Method("M:Acme.Json.Parse(System.String)", "public static object Json.Parse(string text)", "System.Object");
        var parseSpan = Method("M:Acme.Json.Parse(System.ReadOnlySpan{System.Char})", "public static object Json.Parse(ReadOnlySpan<char> text)", "System.Object");
        var parseAsync = Method("M:Acme.Json.ParseAsync(System.String)", "public static Task<object> Json.ParseAsync(string text)", "System.Threading.Tasks.Task{System.Object}");
        var parseAsyncObsolete = parseAsync with { Flags = parseAsync.Flags | ApiFlags.Obsolete, ObsoleteMessage = "Use Parse on a background thread." };
        var load = Method("M:Acme.Json.Load(System.String,System.Boolean)", "public static object Json.Load(string path, bool strict = false)", "System.Object",
            [new ApiParameter("path", "System.String"), new ApiParameter("strict", "System.Boolean", IsOptional: true, DefaultValue: "false")]);
        var loadChanged = load with
        {
            ReturnType = "System.String",
            Display = "public static string Json.Load(string path, bool strict = true)",
            Parameters = [new ApiParameter("path", "System.String"), new ApiParameter("strict", "System.Boolean", IsOptional: true, DefaultValue: "true")],
        };
        var beta = Method("M:Acme.Json.Beta", "public static void Json.Beta()", null);
        var reader = Type("T:Acme.JsonReader", "public class JsonReader");
        var readerCtor = new ApiRecord("M:Acme.JsonReader.#ctor", ApiKind.Constructor, ApiFlags.None, "public JsonReader()", DeclaringType: "T:Acme.JsonReader");

        Write(writer, "1.0.0", Lib("lib/net45", "net45", json, parse), Lib("lib/netstandard2.0", "netstandard2.0", json, parse));
        Write(writer, "2.0.0", Lib("lib/netstandard2.0", "netstandard2.0", json, parse, parseAsync, load),
            Lib("lib/net6.0", "net6.0", json, parse, parseSpan, parseAsync, load));
        Write(writer, "2.1.0-beta1", Lib("lib/net6.0", "net6.0", json, parse, parseSpan, parseAsync, load, beta));
        Write(writer, "3.0.0", Lib("lib/netstandard2.0", "netstandard2.0", json, parse, parseAsyncObsolete, loadChanged),
            Lib("lib/net6.0", "net6.0", json, parse, parseSpan, parseAsyncObsolete, loadChanged, reader, readerCtor));
        Write(writer, "5.0.0", Lib("lib/net6.0", "net6.0", json, parse, parseSpan, loadChanged, reader, readerCtor));
        writer.RecordFailure("Acme.Json", PackageKind.Package, "5.0.1", "failed", "corrupt nupkg");
        Write(writer, "5.0.2", Lib("lib/net6.0", "net6.0", json, parse, parseSpan, loadChanged, reader, readerCtor));

        // ref/ wins over lib/ when both are compatible, even when lib/ is nearer.
        var policy = Type("T:Acme.Policy", "public class Policy");
        var hidden = Method("M:Acme.Policy.Hidden", "public void Policy.Hidden()", null);
        WritePackage(writer, "Acme.Ref", "1.0.0", Ref("ref/netstandard2.0", "netstandard2.0", policy), Lib("lib/net6.0", "net6.0", policy, hidden));

        var enumerable = Type("T:System.Linq.Enumerable", "public static class Enumerable");
        var chunk = Method("M:System.Linq.Enumerable.Chunk``1(System.Collections.Generic.IEnumerable{``0},System.Int32)",
            "public static IEnumerable<TSource[]> Enumerable.Chunk<TSource>(this IEnumerable<TSource> source, int size)", "System.Collections.Generic.IEnumerable{``0[]}");
        foreach (var moniker in new[] { "netstandard2.0", "net5.0", "net6.0", "net8.0" })
        {
            var apis = moniker is "net6.0" or "net8.0" ? new[] { enumerable, chunk } : [enumerable];
            writer.WriteVersion(new PackageVersionData(FrameworkSeries.DotNet, PackageKind.Framework, moniker, null,
                [new AssetGroupData($"ref/{moniker}", "framework", moniker, false, ["System.Linq.dll"], apis, [])], []));
        }
    }

    public string Path => _temp.FilePath;

    public void Dispose() => _temp.Dispose();

    private static ApiRecord Type(string docId, string display) =>
        new(docId, ApiKind.Class, ApiFlags.None, display, BaseType: "T:System.Object");

    private static ApiRecord Method(string docId, string display, string? returnType, IReadOnlyList<ApiParameter>? parameters = null) =>
        new(docId, ApiKind.Method, ApiFlags.Static, display, DeclaringType: DocIds.ContainingType(docId), ReturnType: returnType,
            Parameters: parameters ?? (docId.Contains('(') ? [new ApiParameter("text", "System.String")] : null));

    private static AssetGroupData Lib(string path, string framework, params ApiRecord[] apis) => new(path, "lib", framework, false, ["Acme.dll"], apis, []);

    private static AssetGroupData Ref(string path, string framework, params ApiRecord[] apis) => new(path, "ref", framework, false, ["Acme.dll"], apis, []);

    private static void Write(IndexWriter writer, string version, params AssetGroupData[] groups) => WritePackage(writer, "Acme.Json", version, groups);

    private static void WritePackage(IndexWriter writer, string package, string version, params AssetGroupData[] groups) =>
        writer.WriteVersion(new PackageVersionData(package, PackageKind.Package, version, null, groups, []));
}
