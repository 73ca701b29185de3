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
            return await JsonSerializer.DeserializeAsync(stream, ProjectCacheJson.Default.CheckReport, ct);
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
            await JsonSerializer.SerializeAsync(stream, report, ProjectCacheJson.Default.CheckReport, ct);
        File.Move(temp, path, overwrite: true); // readers never see half an entry
    }

    /// <summary>The whole output of an earlier run with the same plan key and output options, if stored.</summary>
    public async Task<StoredOutput?> TryGetOutputAsync(string key, CancellationToken ct)
    {
        var meta = Path.Combine(folder, key + ".meta");
        var output = Path.Combine(folder, key + ".out");
        if (!File.Exists(meta) || !File.Exists(output)) return null;
        try
        {
            var text = await File.ReadAllTextAsync(meta, ct);
            int newline = text.IndexOf('\n', StringComparison.Ordinal);
            var header = newline < 0 ? [] : text[..newline].Split(' ');
            if (header.Length != 2 || header[0] != OutputMagic || !int.TryParse(header[1], out var exit)) return null;
            return new StoredOutput(exit, output, text[(newline + 1)..]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Stores a run's output (its bytes as printed, UTF-8) and, last, the small entry that makes it count.</summary>
    /// <param name="output">The printed output, UTF-8.</param>
    public async Task PutOutputAsync(string key, int exitCode, MemoryStream output, string error, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        await WriteAtomicAsync(Path.Combine(folder, key + ".out"), output.GetBuffer().AsMemory(0, (int)output.Length), ct);
        await WriteAtomicAsync(Path.Combine(folder, key + ".meta"), new UTF8Encoding(false).GetBytes($"{OutputMagic} {exitCode}\n{error}"), ct);
    }

    private static async Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temp, bytes, ct);
        File.Move(temp, path, overwrite: true);
    }

    private const string OutputMagic = "apitruth-output-2";
}

/// <summary>What a project-mode run printed and its exit code: an unchanged re-run prints it again without reading any report.</summary>
/// <param name="OutputFile">The printed output, UTF-8, copied as bytes (a JSON report of every finding is tens of megabytes).</param>
internal sealed record StoredOutput(int ExitCode, string OutputFile, string Error);
