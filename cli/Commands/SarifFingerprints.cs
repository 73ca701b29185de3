using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// Adds what GitHub code scanning uses to follow a result across commits: <c>partialFingerprints</c> from the
/// rule, the file, the text of the flagged line (not its number, which moves) and the name; and <c>warning</c>
/// levels when the project asks for them.
/// </summary>
internal static class SarifFingerprints
{
    public static string Add(string sarif, string baseDirectory, bool asWarnings)
    {
        var root = JsonNode.Parse(sarif)!;
        var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var run in root["runs"]!.AsArray())
        {
            foreach (var result in run!["results"]!.AsArray())
            {
                if (asWarnings && (string?)result!["level"] == "error") result["level"] = "warning";
                var location = result!["locations"]![0]!["physicalLocation"]!;
                var uri = (string?)location["artifactLocation"]!["uri"] ?? "";
                int line = (int?)location["region"]!["startLine"] ?? 0;
                var text = LineText(uri, line, baseDirectory, lines);
                var name = (string?)result["properties"]?["name"] ?? "";
                var same = string.Join("\n", (string?)result["ruleId"], uri, text.Trim(), name);
                result["partialFingerprints"] = new JsonObject { ["apitruth/v1"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(same)))[..32].ToLowerInvariant() };
            }
        }
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string LineText(string uri, int line, string baseDirectory, Dictionary<string, string[]> cache)
    {
        if (!cache.TryGetValue(uri, out var text))
        {
            var path = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath
                : Path.Combine(baseDirectory, Uri.UnescapeDataString(uri).Replace('/', Path.DirectorySeparatorChar));
            try
            {
                text = File.Exists(path) ? File.ReadAllLines(path) : [];
            }
            catch (IOException)
            {
                text = []; // the fingerprint then rests on rule, file and name
            }
            cache[uri] = text;
        }
        return line >= 1 && line <= text.Length ? text[line - 1] : "";
    }
}
