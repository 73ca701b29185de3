using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// Remembers resolved reference sets on disk, so that a later check with the same framework and exact pins skips
/// NuGet (configuration, listings, nuspecs) altogether. An entry is used only while every assembly it names still
/// exists; pins without a version are never cached (their answer changes when the feed does).
/// </summary>
internal sealed class CachingReferenceResolver(string folder, Func<IReferenceResolver> inner) : IReferenceResolver
{
    private const int FormatVersion = 2;

    // Project checks run concurrently: one inner resolver (one feed) for all of them.
    private readonly Lazy<IReferenceResolver> _inner = new(inner);

    public static string DefaultFolder =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "apitruth", "reference-sets");

    public async Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct)
    {
        if (pins.Any(p => p.Version is null))
            return await Inner.ResolveAsync(framework, pins, aspNetCore, ct);
        var key = $"{FormatVersion}|{framework}|{aspNetCore}|" + string.Join(",", pins.Select(p => $"{p.Id}@{p.Version}".ToLowerInvariant()).Order(StringComparer.Ordinal));
        var file = Path.Combine(folder, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24] + ".json");
        if (await TryReadAsync(file, key, ct) is { } cached) return cached;
        var resolved = await Inner.ResolveAsync(framework, pins, aspNetCore, ct);
        await TryWriteAsync(file, key, resolved, ct);
        return resolved;
    }

    private IReferenceResolver Inner => _inner.Value;

    private static async Task<ResolvedReferences?> TryReadAsync(string file, string key, CancellationToken ct)
    {
        if (!File.Exists(file)) return null;
        try
        {
            await using var stream = File.OpenRead(file);
            using var doc = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            var root = doc.RootElement;
            if (root.GetProperty("key").GetString() != key) return null;
            var assemblies = root.GetProperty("assemblies").EnumerateArray().Select(a => new ReferenceAssembly(
                a.GetProperty("path").GetString()!,
                new AssemblyOwner(a.GetProperty("id").GetString()!, a.GetProperty("version").GetString()!,
                    a.GetProperty("framework").GetBoolean(), a.GetProperty("transitive").GetBoolean()))).ToList();
            if (!assemblies.All(a => File.Exists(a.Path))) return null;
            var packages = root.GetProperty("packages").EnumerateArray().Select(p => new ResolvedPackage(
                p.GetProperty("id").GetString()!, p.GetProperty("version").GetString()!, p.GetProperty("transitive").GetBoolean())).ToList();
            var problems = root.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
            var analyzers = root.GetProperty("analyzers").EnumerateArray()
                .Select(a => new AnalyzerAssembly(a.GetProperty("path").GetString()!, a.GetProperty("framework").GetBoolean())).ToList();
            if (!analyzers.All(a => File.Exists(a.Path))) return null;
            return new ResolvedReferences(root.GetProperty("framework").GetString()!, assemblies, packages, problems) { Analyzers = analyzers };
        }
        catch (Exception e) when (e is JsonException or IOException or KeyNotFoundException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null; // a damaged or foreign entry is resolved again and overwritten
        }
    }

    private async Task TryWriteAsync(string file, string key, ResolvedReferences resolved, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(folder);
            var temp = file + "." + Environment.ProcessId + ".tmp";
            await using (var stream = File.Create(temp))
            await using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("framework", resolved.Framework);
                w.WriteStartArray("assemblies");
                foreach (var a in resolved.Assemblies)
                {
                    w.WriteStartObject();
                    w.WriteString("path", a.Path);
                    w.WriteString("id", a.Owner.Id);
                    w.WriteString("version", a.Owner.Version);
                    w.WriteBoolean("framework", a.Owner.IsFramework);
                    w.WriteBoolean("transitive", a.Owner.IsTransitive);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("packages");
                foreach (var p in resolved.Packages)
                {
                    w.WriteStartObject();
                    w.WriteString("id", p.Id);
                    w.WriteString("version", p.Version);
                    w.WriteBoolean("transitive", p.IsTransitive);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("analyzers");
                foreach (var a in resolved.Analyzers)
                {
                    w.WriteStartObject();
                    w.WriteString("path", a.Path);
                    w.WriteBoolean("framework", a.FromFramework);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("problems");
                foreach (var p in resolved.Problems) w.WriteStringValue(p);
                w.WriteEndArray();
                w.WriteEndObject();
                await w.FlushAsync(ct);
            }
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimization: a read-only or full disk only costs the next run its time.
        }
    }
}
