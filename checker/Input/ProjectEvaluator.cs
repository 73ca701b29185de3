using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using NuGet.Frameworks;

namespace ApiTruth.Checker.Input;

/// <summary>A project file evaluated for one target framework: its properties and the items whose conditions hold.</summary>
internal sealed record EvaluatedProject(IReadOnlyDictionary<string, string> Properties, IReadOnlyList<XElement> Items)
{
    public string? Property(string name) => Properties.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public IEnumerable<XElement> ItemsOf(string type) => Items.Where(i => i.Name.LocalName == type);
}

/// <summary>
/// Enough of MSBuild's evaluation to read what a project pins for a framework: Directory.Build.props and local
/// imports, properties in order with <c>$(…)</c> expansion, conditions (<c>==</c>, <c>!=</c>, <c>and</c>, <c>or</c>,
/// <c>!</c>, <c>Exists</c>), and the property functions projects use to test frameworks. What it cannot evaluate
/// counts as false: a condition it does not understand usually guards something platform-specific.
/// </summary>
internal sealed partial class ProjectEvaluator
{
    private readonly Dictionary<string, string> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<XElement> _items = [];
    private readonly HashSet<string> _imported = new(StringComparer.Ordinal);

    private ProjectEvaluator()
    {
    }

    /// <exception cref="InputException">The project (or a file it imports) is not valid XML.</exception>
    public static EvaluatedProject Evaluate(string projectPath, string? targetFramework)
    {
        var evaluator = new ProjectEvaluator();
        var full = Path.GetFullPath(projectPath);
        var p = evaluator._properties;
        p["OS"] = OperatingSystem.IsWindows() ? "Windows_NT" : "Unix";
        p["Configuration"] = "Release";
        p["MSBuildProjectFullPath"] = full;
        p["MSBuildProjectDirectory"] = Path.GetDirectoryName(full)!;
        p["MSBuildProjectName"] = Path.GetFileNameWithoutExtension(full);
        p["MSBuildProjectFile"] = Path.GetFileName(full);
        if (targetFramework is not null)
        {
            p["TargetFramework"] = targetFramework;
            var parsed = NuGetFramework.Parse(targetFramework);
            p["TargetFrameworkIdentifier"] = parsed.Framework;
            p["TargetFrameworkVersion"] = "v" + parsed.Version.ToString(parsed.Version.Build > 0 ? 3 : 2);
        }
        if (FindUp(Path.GetDirectoryName(full)!, "Directory.Build.props") is { } buildProps)
            evaluator.Load(buildProps);
        evaluator.Load(full);
        if (targetFramework is not null) p["TargetFramework"] = targetFramework; // a project cannot change it per inner build
        return new EvaluatedProject(new Dictionary<string, string>(p, StringComparer.OrdinalIgnoreCase), evaluator._items);
    }

    public static string? FindUp(string folder, string fileName)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, fileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private void Load(string path)
    {
        if (!_imported.Add(path)) return;
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new InputException($"{path}: not a valid project file ({e.Message})");
        }
        var saved = (_properties.GetValueOrDefault("MSBuildThisFileDirectory"), _properties.GetValueOrDefault("MSBuildThisFile"));
        _properties["MSBuildThisFileDirectory"] = Path.GetDirectoryName(path)! + Path.DirectorySeparatorChar;
        _properties["MSBuildThisFile"] = Path.GetFileName(path);
        foreach (var element in document.Root?.Elements() ?? [])
            Visit(element);
        _properties["MSBuildThisFileDirectory"] = saved.Item1 ?? "";
        _properties["MSBuildThisFile"] = saved.Item2 ?? "";
    }

    private void Visit(XElement element)
    {
        if (!ConditionHolds(element)) return;
        switch (element.Name.LocalName)
        {
            case "PropertyGroup":
                foreach (var property in element.Elements().Where(ConditionHolds))
                    _properties[property.Name.LocalName] = Expand(property.Value.Trim());
                break;
            case "ItemGroup":
                foreach (var item in element.Elements().Where(ConditionHolds))
                {
                    var evaluated = new XElement(item.Name, item.Attributes().Select(a => new XAttribute(a.Name, Expand(a.Value))),
                        item.Elements().Select(e => new XElement(e.Name, Expand(e.Value))));
                    _items.Add(evaluated);
                }
                break;
            case "Import":
                // Local imports (Directory.Version.props and the like); SDK imports bring nothing a snippet needs.
                var project = Expand((string?)element.Attribute("Project") ?? "");
                if (project.Length > 0 && !project.Contains('*') && element.Attribute("Sdk") is null)
                {
                    var importPath = Path.GetFullPath(Path.IsPathRooted(project) ? project : Path.Combine(_properties["MSBuildThisFileDirectory"], project));
                    if (File.Exists(importPath)) Load(importPath);
                }
                break;
            case "Choose":
                foreach (var branch in element.Elements())
                {
                    if (branch.Name.LocalName == "Otherwise" || ConditionHolds(branch))
                    {
                        foreach (var inner in branch.Elements()) Visit(inner);
                        break;
                    }
                }
                break;
        }
    }

    private bool ConditionHolds(XElement element)
    {
        var condition = (string?)element.Attribute("Condition");
        if (string.IsNullOrWhiteSpace(condition)) return true;
        try
        {
            return new ConditionParser(this, condition).Parse();
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Expands <c>$(Name)</c> and the supported <c>$([MSBuild]::…)</c> functions.</summary>
    public string Expand(string text)
    {
        if (!text.Contains("$(", StringComparison.Ordinal)) return text;
        var sb = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            int start = text.IndexOf("$(", i, StringComparison.Ordinal);
            if (start < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, start - i);
            int end = MatchingParen(text, start + 1);
            if (end < 0)
            {
                sb.Append(text, start, text.Length - start);
                break;
            }
            sb.Append(EvaluateExpression(text[(start + 2)..end]));
            i = end + 1;
        }
        return sb.ToString();
    }

    private static int MatchingParen(string text, int open)
    {
        int depth = 0;
        bool quoted = false;
        for (int i = open; i < text.Length; i++)
        {
            if (text[i] == '\'') quoted = !quoted;
            if (quoted) continue;
            if (text[i] == '(') depth++;
            else if (text[i] == ')' && --depth == 0) return i;
        }
        return -1;
    }

    private string EvaluateExpression(string expression)
    {
        expression = expression.Trim();
        var function = MsBuildFunction().Match(expression);
        if (function.Success)
        {
            var args = SplitArguments(function.Groups["args"].Value).Select(a => Expand(a.Trim().Trim('\''))).ToList();
            return function.Groups["name"].Value switch
            {
                "IsTargetFrameworkCompatible" when args.Count == 2 => IsCompatible(args[0], args[1]) ? "true" : "false",
                "GetTargetFrameworkIdentifier" when args.Count == 1 => NuGetFramework.Parse(args[0]).Framework,
                "GetTargetFrameworkVersion" when args.Count >= 1 => NuGetFramework.Parse(args[0]).Version.ToString(2),
                "VersionGreaterThanOrEquals" when args.Count == 2 => CompareVersions(args[0], args[1]) >= 0 ? "true" : "false",
                "VersionLessThan" when args.Count == 2 => CompareVersions(args[0], args[1]) < 0 ? "true" : "false",
                _ => "",
            };
        }
        // $(Name) and $(Name.Method(...)): only the plain property is supported.
        var name = expression.Split('.', 2)[0];
        if (!PropertyName().IsMatch(name)) return "";
        var value = _properties.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name) ?? "";
        return expression.Length == name.Length ? value : "";
    }

    private static bool IsCompatible(string candidate, string target)
    {
        var a = NuGetFramework.Parse(candidate);
        var b = NuGetFramework.Parse(target);
        return !a.IsUnsupported && !b.IsUnsupported && DefaultCompatibilityProvider.Instance.IsCompatible(a, b);
    }

    private static int CompareVersions(string a, string b) =>
        Version.TryParse(a.TrimStart('v'), out var va) && Version.TryParse(b.TrimStart('v'), out var vb) ? va.CompareTo(vb) : 0;

    private static List<string> SplitArguments(string args)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        int depth = 0;
        foreach (var c in args)
        {
            if (c == '\'') quoted = !quoted;
            if (!quoted && c == '(') depth++;
            if (!quoted && c == ')') depth--;
            if (c == ',' && !quoted && depth == 0)
            {
                result.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.Length > 0) result.Add(current.ToString());
        return result;
    }

    [GeneratedRegex(@"^\[MSBuild\]::(?<name>\w+)\((?<args>.*)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex MsBuildFunction();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_\-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();

    /// <summary>Recursive descent over MSBuild's condition grammar: or, and, !, comparisons, parentheses, Exists().</summary>
    private sealed class ConditionParser(ProjectEvaluator evaluator, string text)
    {
        private int _pos;

        public bool Parse()
        {
            bool value = Or();
            SkipSpace();
            if (_pos != text.Length) throw new FormatException(text);
            return value;
        }

        private bool Or()
        {
            bool value = And();
            while (Keyword("or")) value = And() | value;
            return value;
        }

        private bool And()
        {
            bool value = Unary();
            while (Keyword("and")) value = Unary() & value;
            return value;
        }

        private bool Unary()
        {
            SkipSpace();
            if (Peek('!') && !PeekAt(1, '='))
            {
                _pos++;
                return !Unary();
            }
            if (Peek('('))
            {
                _pos++;
                bool inner = Or();
                Expect(')');
                return inner;
            }
            if (Keyword("Exists"))
            {
                Expect('(');
                var path = evaluator.Expand(Operand());
                Expect(')');
                var full = Path.IsPathRooted(path) ? path : Path.Combine(evaluator._properties["MSBuildProjectDirectory"], path);
                return File.Exists(full) || Directory.Exists(full);
            }
            var left = Operand();
            SkipSpace();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (string.CompareOrdinal(text, _pos, op, 0, op.Length) != 0) continue;
                _pos += op.Length;
                var right = Operand();
                var (l, r) = (evaluator.Expand(left), evaluator.Expand(right));
                return op switch
                {
                    "==" => string.Equals(l, r, StringComparison.OrdinalIgnoreCase),
                    "!=" => !string.Equals(l, r, StringComparison.OrdinalIgnoreCase),
                    _ => CompareNumbers(l, r, op),
                };
            }
            // A bare operand: 'true' / 'false' (often from a property function).
            return evaluator.Expand(left).Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        private static bool CompareNumbers(string l, string r, string op)
        {
            if (!double.TryParse(l.TrimStart('v'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
                || !double.TryParse(r.TrimStart('v'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b))
                throw new FormatException(op);
            return op switch { "<" => a < b, ">" => a > b, "<=" => a <= b, _ => a >= b };
        }

        private string Operand()
        {
            SkipSpace();
            if (Peek('\''))
            {
                int end = text.IndexOf('\'', _pos + 1);
                if (end < 0) throw new FormatException(text);
                var value = text[(_pos + 1)..end];
                _pos = end + 1;
                return value;
            }
            if (Peek('$') && PeekAt(1, '('))
            {
                int end = MatchingParen(text, _pos + 1);
                if (end < 0) throw new FormatException(text);
                var value = text[_pos..(end + 1)];
                _pos = end + 1;
                return value;
            }
            int start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] is '.' or '_' or '-')) _pos++;
            if (start == _pos) throw new FormatException(text);
            return text[start.._pos];
        }

        private bool Keyword(string word)
        {
            SkipSpace();
            if (string.Compare(text, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
            int after = _pos + word.Length;
            if (after < text.Length && char.IsLetterOrDigit(text[after])) return false;
            _pos = after;
            return true;
        }

        private void Expect(char c)
        {
            SkipSpace();
            if (!Peek(c)) throw new FormatException(text);
            _pos++;
        }

        private bool Peek(char c) => _pos < text.Length && text[_pos] == c;

        private bool PeekAt(int offset, char c) => _pos + offset < text.Length && text[_pos + offset] == c;

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
        }
    }
}
