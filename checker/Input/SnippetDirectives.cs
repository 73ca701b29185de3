using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace ApiTruth.Checker.Input;

/// <summary>
/// What the snippet itself says about its environment: <c>#:package Id@Version</c> (.NET 10 file-based apps),
/// <c>#r "nuget: Id, Version"</c> (dotnet-script, notebooks), <c>#:sdk Microsoft.NET.Sdk.Web</c> and
/// <c>#:property TargetFramework=…</c>.
/// </summary>
/// <param name="Text">The snippet with every directive line turned into a comment of the same length, so positions stay.</param>
internal sealed record SnippetDirectives(
    string Text,
    IReadOnlyList<PackagePin> Packages,
    bool AspNetCore,
    string? TargetFramework)
{
    private static readonly Regex PackageId = new(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex NuGetReference = new(@"^#r\s+""nuget:\s*(?<spec>[^""]*)""\s*$", RegexOptions.CultureInvariant);

    /// <summary>Reads and neutralizes the directives; a malformed package directive is an <see cref="InputException"/>.</summary>
    public static SnippetDirectives Extract(SnippetSource source)
    {
        var lines = source.Text.Split('\n');
        var packages = new List<PackagePin>();
        bool aspNetCore = false;
        string? framework = null;
        bool changed = false;
        for (int i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var line = raw.Trim();
            if (!line.StartsWith("#:", StringComparison.Ordinal) && !line.StartsWith("#r ", StringComparison.Ordinal))
                continue;
            var where = $"{source.Path}:{source.FileLine(i + 1)}";
            if (line.StartsWith("#:package", StringComparison.Ordinal))
            {
                packages.Add(ParsePackageDirective(line["#:package".Length..].Trim(), '@', where, line));
            }
            else if (line.StartsWith("#:sdk", StringComparison.Ordinal))
            {
                aspNetCore |= line.Contains("Microsoft.NET.Sdk.Web", StringComparison.OrdinalIgnoreCase);
            }
            else if (line.StartsWith("#:property", StringComparison.Ordinal))
            {
                var kv = line["#:property".Length..].Trim().Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim().Equals("TargetFramework", StringComparison.OrdinalIgnoreCase))
                    framework = kv[1].Trim();
            }
            else if (line.StartsWith("#r ", StringComparison.Ordinal))
            {
                var m = NuGetReference.Match(line);
                if (!m.Success)
                {
                    // #r "some.dll" names an assembly file: not a package pin, and nothing to check it against.
                    if (line.Contains("nuget:", StringComparison.OrdinalIgnoreCase))
                        throw new InputException($"{where}: malformed directive '{line}' (expected #r \"nuget: Id, Version\")");
                }
                else
                {
                    var spec = m.Groups["spec"].Value.Trim();
                    char separator = spec.Contains(',') ? ',' : '/';
                    packages.Add(ParsePackageDirective(spec, separator, where, line));
                }
            }
            else if (!line.StartsWith("#:project", StringComparison.Ordinal) && !line.StartsWith("#:include", StringComparison.Ordinal)
                     && !line.StartsWith("#:exclude", StringComparison.Ordinal))
            {
                throw new InputException($"{where}: unknown directive '{line}'");
            }
            lines[i] = Neutralize(lines[i]);
            changed = true;
        }
        var text = changed ? string.Join('\n', lines) : source.Text;
        return new SnippetDirectives(text, packages, aspNetCore, framework);
    }

    private static PackagePin ParsePackageDirective(string spec, char separator, string where, string line)
    {
        var parts = spec.Split(separator, 2);
        var id = parts[0].Trim();
        var version = parts.Length == 2 ? parts[1].Trim() : null;
        if (id.Length == 0 || !PackageId.IsMatch(id))
            throw new InputException($"{where}: malformed package directive '{line}' (expected a package ID)");
        if (version is "" or "*")
            version = null;
        if (version is not null && !NuGetVersion.TryParse(version, out _))
            throw new InputException($"{where}: malformed package directive '{line}': '{version}' is not a version");
        return new PackagePin(id, version, PinOrigin.Directive);
    }

    // Keeps the line's length and indentation (and its \r) so that every later position is unchanged.
    private static string Neutralize(string original)
    {
        int start = original.Length - original.TrimStart().Length;
        return string.Concat(original.AsSpan(0, start), "//", original.AsSpan(start + 2));
    }
}
