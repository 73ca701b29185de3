using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ApiTruth.Checker.Findings;

namespace ApiTruth.Checker.Project;

/// <summary>
/// Reports of earlier project checks, keyed by everything the result depends on (the checker build, the framework,
/// the pins, the text of every file in the compilation, the index state), so an unchanged re-run reads one small file.
/// </summary>
internal sealed class ProjectCheckCache(string folder)
{
    public static string DefaultFolder =>
        Environment.GetEnvironmentVariable("APITRUTH_CACHE") is { Length: > 0 } fromEnvironment ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "apitruth", "check-cache");

    // The checker's own build is part of every key: a fixed checker must not serve an old verdict.
    private static readonly string CheckerBuild = typeof(ApiChecker).Assembly.ManifestModule.ModuleVersionId.ToString();

    /// <summary>Builds a key from the parts of a check, in a fixed order.</summary>
    public static string Key(IEnumerable<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts.Prepend(CheckerBuild))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData([0]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public async Task<CheckReport?> TryGetAsync(string key, CancellationToken ct)
    {
        var path = Path.Combine(folder, key + ".json");
        if (!File.Exists(path)) return null;
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<CheckReport>(stream, cancellationToken: ct);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null; // a damaged entry is a miss; the check runs and rewrites it
        }
    }

    public async Task PutAsync(string key, CheckReport report, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, key + ".json");
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await using (var stream = File.Create(temp))
            await JsonSerializer.SerializeAsync(stream, report, cancellationToken: ct);
        File.Move(temp, path, overwrite: true); // readers never see half an entry
    }
}
