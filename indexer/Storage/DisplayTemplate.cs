using System.Text;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Storage;

/// <summary>
/// Rebuilds an API's display signature from facts the catalog stores anyway (doc ID, kind, flags, return type,
/// parameters) following the extractor's rules, so a catalog stores only the difference between the rebuilt text and
/// the real one: nothing for almost every API, <c> = 5</c> for an enum value, the odd name a doc ID cannot tell. The
/// stored difference makes the round trip exact whatever this template gets wrong; the template only decides the size.
/// </summary>
internal static class DisplayTemplate
{
    /// <summary>The display the facts predict. <paramref name="methodGenericNames"/> names a generic method's ``i (null: T, T1…).</summary>
    public static string Rebuild(string docId, ApiKind kind, ApiFlags flags, string? returnType, IReadOnlyList<ApiParameter>? parameters,
        IReadOnlyList<string>? methodGenericNames, SegmentScopes scopes)
    {
        var b = new StringBuilder(96);
        var qualified = DocIds.QualifiedName(docId).ToString();
        var typeNames = new List<string>(4);
        if (kind.IsType())
        {
            if (kind == ApiKind.Delegate)
            {
                b.Append("delegate ");
                var context = new TypeContext(scopes, TypeParameterNames(qualified, scopes), methodGenericNames ?? []);
                if (returnType is not null)
                {
                    if (returnType.EndsWith('@')) b.Append("ref ");
                    AppendType(b, returnType, context);
                }
                b.Append(' ');
                AppendScopePath(b, qualified, scopes, variance: true, typeNames);
                AppendParameters(b, parameters, context, '(', ')');
            }
            else
            {
                b.Append(TypeKeywords(kind, flags));
                AppendScopePath(b, qualified, scopes, variance: true, typeNames);
            }
            return b.ToString();
        }

        var dot = LastTopLevelDot(qualified);
        var container = dot > 0 ? qualified[..dot] : "";
        var name = dot >= 0 ? qualified[(dot + 1)..] : qualified;
        var tick = name.IndexOf("``", StringComparison.Ordinal);
        var arity = 0;
        if (tick > 0)
        {
            _ = int.TryParse(name.AsSpan(tick + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arity);
            name = name[..tick];
        }
        var (scope, containerNames) = ScopeOf(container, scopes);
        var types = new TypeContext(scopes, containerNames, methodGenericNames ?? SegmentScopes.DefaultNames(arity));
        var isExplicit = (flags & ApiFlags.ExplicitInterfaceImplementation) != 0;
        switch (kind)
        {
            case ApiKind.Constructor:
                b.Append("new ").Append(scope);
                AppendParameters(b, parameters, types, '(', ')');
                break;
            case ApiKind.Finalizer:
                b.Append(scope).Append(".~").Append(Unticked(LastComponent(container))).Append("()");
                break;
            case ApiKind.Operator:
                b.Append(scope).Append(".operator ").Append(CSharpNames.OperatorToken(name));
                AppendParameters(b, parameters, types, '(', ')');
                break;
            case ApiKind.Conversion:
                b.Append(scope).Append('.').Append(name.Contains("Implicit", StringComparison.Ordinal) ? "implicit" : "explicit")
                    .Append(name.Contains("Checked", StringComparison.Ordinal) ? " operator checked " : " operator ");
                if (returnType is not null) AppendType(b, returnType, types);
                AppendParameters(b, parameters, types, '(', ')');
                break;
            case ApiKind.Method:
                AppendMethodHead(b, scope, name, isExplicit, types);
                if (arity > 0) b.Append('<').AppendJoin(", ", types.MethodNames).Append('>');
                AppendParameters(b, parameters, types, '(', ')');
                break;
            case ApiKind.Property or ApiKind.Indexer:
                b.Append(scope).Append('.');
                if (isExplicit) AppendExplicitName(b, name, types);
                if (kind == ApiKind.Indexer)
                {
                    b.Append("this");
                    AppendParameters(b, parameters, types, '[', ']');
                }
                else
                {
                    if (!isExplicit) b.Append(name);
                    if (parameters is { Count: > 0 }) AppendParameters(b, parameters, types, '[', ']');
                }
                b.Append(" {");
                if ((flags & ApiFlags.HasGetter) != 0) b.Append((flags & ApiFlags.GetterProtected) != 0 ? " protected get;" : " get;");
                if ((flags & ApiFlags.HasSetter) != 0)
                    b.Append((flags & ApiFlags.SetterProtected) != 0 ? " protected" : "").Append((flags & ApiFlags.InitOnly) != 0 ? " init;" : " set;");
                b.Append(" }");
                break;
            case ApiKind.Event:
                b.Append("event ");
                AppendMethodHead(b, scope, name, isExplicit, types);
                break;
            default:
                b.Append(scope).Append('.').Append(name);
                break;
        }
        return b.ToString();
    }

    /// <summary>
    /// <c>Scope.Name</c> of a method, the text a generic method's display continues with <c>&lt;T, U&gt;</c>: the writer
    /// reads the method's own type parameter names from there.
    /// </summary>
    public static string MethodHead(string docId, SegmentScopes scopes)
    {
        var qualified = DocIds.QualifiedName(docId).ToString();
        var dot = LastTopLevelDot(qualified);
        var container = dot > 0 ? qualified[..dot] : "";
        var name = dot >= 0 ? qualified[(dot + 1)..] : qualified;
        var tick = name.IndexOf("``", StringComparison.Ordinal);
        if (tick > 0) name = name[..tick];
        var (scope, typeNames) = ScopeOf(container, scopes);
        var b = new StringBuilder(64);
        AppendMethodHead(b, scope, name, name.Contains('#'), new TypeContext(scopes, typeNames, []));
        return b.ToString();
    }

    /// <summary>The own type parameter names a type's display declares (<c>out T</c>, <c>TKey</c>), or null when it has none.</summary>
    public static string[]? DeclaredTypeParameters(ApiRecord type)
    {
        var display = type.Display.AsSpan();
        if (type.Kind == ApiKind.Delegate)
        {
            if (display.Length == 0 || display[^1] != ')') return null;
            var open = MatchingOpen(display, display.Length - 1, '(', ')');
            if (open <= 0) return null;
            display = display[..open];
        }
        if (display.Length == 0 || display[^1] != '>') return null;
        var start = MatchingOpen(display, display.Length - 1, '<', '>');
        if (start < 0) return null;
        return SplitTopLevel(display[(start + 1)..^1].ToString());
    }

    /// <summary>Splits <c>TKey, TValue</c> at top-level commas.</summary>
    public static string[] SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '<' or '(' or '[':
                    depth++;
                    break;
                case '>' or ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(list[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(list[start..].Trim());
        return [.. parts];
    }

    private static int MatchingOpen(ReadOnlySpan<char> text, int close, char open, char closeChar)
    {
        var depth = 0;
        for (var i = close; i >= 0; i--)
        {
            if (text[i] == closeChar) depth++;
            else if (text[i] == open && --depth == 0) return i;
        }
        return -1;
    }

    // Consecutive records share their container: its path and type parameter names are worked out once per segment.
    private static ScopePath ScopeOf(string container, SegmentScopes scopes) =>
        scopes.ContainerPaths.GetOrAdd(container, static (c, s) =>
        {
            var names = new List<string>(4);
            var path = new StringBuilder(48);
            AppendScopePath(path, c, s, variance: false, names);
            return new ScopePath(path.ToString(), names);
        }, scopes);

    private static void AppendMethodHead(StringBuilder b, string scope, string name, bool isExplicit, TypeContext types)
    {
        b.Append(scope).Append('.');
        if (isExplicit) AppendExplicitName(b, name, types);
        else b.Append(name);
    }

    // System#Numerics#IBinaryInteger{System#UInt16}#TryWriteLittleEndian → IBinaryInteger<ushort>.TryWriteLittleEndian
    private static void AppendExplicitName(StringBuilder b, string name, TypeContext types)
    {
        var depth = 0;
        var split = -1;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '{') depth++;
            else if (name[i] == '}') depth--;
            else if (name[i] == '#' && depth == 0) split = i;
        }
        if (split <= 0)
        {
            b.Append(name);
            return;
        }
        AppendType(b, name[..split].Replace('#', '.'), types);
        b.Append('.').Append(name, split + 1, name.Length - split - 1);
    }

    private static int LastTopLevelDot(string qualified)
    {
        var depth = 0;
        for (var i = qualified.Length - 1; i >= 0; i--)
        {
            var c = qualified[i];
            if (c == '}') depth++;
            else if (c == '{') depth--;
            else if (c == '.' && depth == 0) return i;
        }
        return -1;
    }

    private static string LastComponent(string qualified)
    {
        var dot = qualified.LastIndexOf('.');
        return dot >= 0 ? qualified[(dot + 1)..] : qualified;
    }

    private static string Unticked(string component)
    {
        var tick = component.IndexOf('`');
        return tick > 0 ? component[..tick] : component;
    }

    private static int Arity(string component)
    {
        var tick = component.IndexOf('`');
        if (tick <= 0) return 0;
        return int.TryParse(component.AsSpan(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var arity)
            ? arity : 0;
    }

    /// <summary>The type parameter names of every level of a declared type, outermost first (what `i counts).</summary>
    private static List<string> TypeParameterNames(string qualified, SegmentScopes scopes)
    {
        var names = new List<string>(4);
        AppendScopePath(new StringBuilder(), qualified, scopes, variance: false, names);
        return names;
    }

    /// <summary>
    /// <c>Dictionary&lt;TKey, TValue&gt;.Enumerator</c> for <c>System.Collections.Generic.Dictionary`2.Enumerator</c>: the
    /// levels from the outermost type on (the segment's outer-type list says where the namespace ends), each with its
    /// type parameter names; collects every level's names (without variance) for `i.
    /// </summary>
    private static void AppendScopePath(StringBuilder b, string qualified, SegmentScopes scopes, bool variance, List<string> typeNames)
    {
        if (qualified.Length == 0) return;
        var components = qualified.Split('.');
        var start = components.Length - 1;
        var prefix = new StringBuilder(qualified.Length);
        var ends = new int[components.Length];
        for (var i = 0; i < components.Length; i++)
        {
            if (i > 0) prefix.Append('.');
            prefix.Append(components[i]);
            ends[i] = prefix.Length;
        }
        for (var i = 0; i < components.Length - 1; i++)
        {
            if (scopes.OuterTypes.Count > 0 && scopes.OuterTypes.Contains(qualified[..ends[i]]))
            {
                start = i;
                break;
            }
        }
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            var arity = Arity(component);
            var names = arity > 0 ? scopes.NamesOf(qualified[..ends[i]], arity) : [];
            foreach (var n in names) typeNames.Add(WithoutVariance(n));
            if (i < start) continue;
            if (i > start) b.Append('.');
            b.Append(arity > 0 ? Unticked(component) : component);
            if (arity == 0) continue;
            b.Append('<');
            for (var k = 0; k < names.Length; k++)
            {
                if (k > 0) b.Append(", ");
                b.Append(variance && i == components.Length - 1 ? names[k] : WithoutVariance(names[k]));
            }
            b.Append('>');
        }
    }

    private static string WithoutVariance(string name) =>
        name.StartsWith("out ", StringComparison.Ordinal) ? name[4..] : name.StartsWith("in ", StringComparison.Ordinal) ? name[3..] : name;

    private static void AppendParameters(StringBuilder b, IReadOnlyList<ApiParameter>? parameters, TypeContext types, char open, char close)
    {
        b.Append(open);
        if (parameters is not null)
        {
            for (var i = 0; i < parameters.Count; i++)
            {
                var p = parameters[i];
                if (i > 0) b.Append(", ");
                if (p.IsParams) b.Append("params ");
                b.Append(p.Modifier switch
                {
                    ParameterModifier.This => "this ",
                    ParameterModifier.Ref => "ref ",
                    ParameterModifier.Out => "out ",
                    ParameterModifier.In => "in ",
                    ParameterModifier.RefReadOnly => "ref readonly ",
                    _ => "",
                });
                AppendType(b, p.Type, types);
                if (p.Name.Length > 0) b.Append(' ').Append(p.Name);
                if (p.DefaultValue is not null) b.Append(" = ").Append(p.DefaultValue);
            }
        }
        b.Append(close);
    }

    private sealed record TypeContext(SegmentScopes Scopes, IReadOnlyList<string> TypeNames, IReadOnlyList<string> MethodNames);

    /// <summary>A doc-ID type form (<c>System.Collections.Generic.List{``0}[]</c>) as C# writes it (<c>List&lt;T&gt;[]</c>).</summary>
    private static void AppendType(StringBuilder b, string docType, TypeContext types)
    {
        // A type that names no type parameter reads the same everywhere in the segment: worked out once.
        if (!docType.Contains('`'))
        {
            b.Append(types.Scopes.TypeDisplays.GetOrAdd(docType, static (t, s) =>
            {
                var display = new StringBuilder(t.Length);
                var at = 0;
                AppendType(display, t, ref at, new TypeContext(s, [], []));
                if (at < t.Length) display.Append(t, at, t.Length - at);
                return display.ToString();
            }, types.Scopes));
            return;
        }
        var position = 0;
        AppendType(b, docType, ref position, types);
        if (position < docType.Length) b.Append(docType, position, docType.Length - position);
    }

    private static void AppendType(StringBuilder b, string s, ref int i, TypeContext types)
    {
        if (i < s.Length && s[i] == '`')
        {
            var isMethod = i + 1 < s.Length && s[i + 1] == '`';
            i += isMethod ? 2 : 1;
            var index = 0;
            var digits = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                index = index * 10 + (s[i++] - '0');
                digits++;
            }
            var names = isMethod ? types.MethodNames : types.TypeNames;
            b.Append(digits > 0 && index < names.Count ? names[index] : "T");
        }
        else
        {
            AppendNamed(b, s, ref i, types);
        }

        // C# writes the outermost array's rank first; a doc ID writes the element's first.
        List<int>? ranks = null;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '[')
            {
                var rank = 1;
                i++;
                while (i < s.Length && s[i] != ']')
                {
                    if (s[i] == ',') rank++;
                    i++;
                }
                i++;
                (ranks ??= []).Add(rank);
                continue;
            }
            FlushRanks(b, ref ranks);
            if (c == '*') b.Append('*');
            else if (c != '@') break;
            i++;
        }
        FlushRanks(b, ref ranks);
    }

    private static void FlushRanks(StringBuilder b, ref List<int>? ranks)
    {
        if (ranks is null) return;
        for (var k = ranks.Count - 1; k >= 0; k--) b.Append('[').Append(',', ranks[k] - 1).Append(']');
        ranks = null;
    }

    private static void AppendNamed(StringBuilder b, string s, ref int i, TypeContext types)
    {
        var components = new List<(string Name, List<string>? Arguments)>(4);
        while (true)
        {
            var start = i;
            while (i < s.Length && s[i] is not ('.' or '{' or '}' or '[' or ']' or '*' or '@' or ',' or '(' or ')' or '|' or '!' or '~')) i++;
            var name = s[start..i];
            List<string>? arguments = null;
            if (i < s.Length && s[i] == '{')
            {
                arguments = [];
                i++;
                while (i < s.Length)
                {
                    var argument = new StringBuilder(24);
                    AppendType(argument, s, ref i, types);
                    arguments.Add(argument.ToString());
                    if (i < s.Length && s[i] == ',')
                    {
                        i++;
                        continue;
                    }
                    if (i < s.Length && s[i] == '}') i++;
                    break;
                }
            }
            components.Add((name, arguments));
            if (i < s.Length && s[i] == '.' && i + 1 < s.Length)
            {
                i++;
                continue;
            }
            break;
        }

        var last = components[^1];
        // Doc IDs of explicit implementations spell native integers as nint / nuint; C# names the struct.
        if (components.Count == 1 && last.Arguments is null && last.Name is "nint" or "nuint")
        {
            b.Append(last.Name == "nint" ? "IntPtr" : "UIntPtr");
            return;
        }
        if (components.Count == 2 && components[0] is { Name: "System", Arguments: null })
        {
            if (last.Arguments is null && CSharpNames.Keyword(last.Name) is { } keyword)
            {
                b.Append(keyword);
                return;
            }
            if (last.Name == "Nullable" && last.Arguments is { Count: 1 })
            {
                b.Append(last.Arguments[0]).Append('?');
                return;
            }
            if (last.Name == "ValueTuple" && last.Arguments is { Count: >= 2 and <= 8 } elements)
            {
                b.Append('(');
                for (var k = 0; k < elements.Count; k++)
                {
                    if (k > 0) b.Append(", ");
                    var element = elements[k];
                    // The eighth element of ValueTuple`8 is the rest of the tuple: C# writes its elements inline.
                    if (k == 7 && element.Length > 1 && element[0] == '(' && element[^1] == ')') b.Append(element, 1, element.Length - 2);
                    else b.Append(element);
                }
                b.Append(')');
                return;
            }
        }

        var first = components.Count - 1;
        if (types.Scopes.OuterTypes.Count > 0)
        {
            var qualified = new StringBuilder(s.Length);
            for (var k = 0; k < components.Count - 1; k++)
            {
                if (k > 0) qualified.Append('.');
                qualified.Append(components[k].Name);
                if (components[k].Arguments is { } arguments) qualified.Append('`').Append(arguments.Count);
                if (types.Scopes.OuterTypes.Contains(qualified.ToString()))
                {
                    first = k;
                    break;
                }
            }
        }
        for (var k = first; k < components.Count; k++)
        {
            if (k > first) b.Append('.');
            var (name, arguments) = components[k];
            if (arguments is null)
            {
                b.Append(name);
                continue;
            }
            b.Append(Unticked(name)).Append('<').AppendJoin(", ", arguments).Append('>');
        }
    }

    private static string TypeKeywords(ApiKind kind, ApiFlags flags) => kind switch
    {
        ApiKind.Interface => "interface ",
        ApiKind.Enum => "enum ",
        ApiKind.Struct => ((flags & ApiFlags.ReadOnly) != 0 ? "readonly " : "") + ((flags & ApiFlags.RefLike) != 0 ? "ref " : "")
            + ((flags & ApiFlags.Record) != 0 ? "record struct " : "struct "),
        _ => ((flags & ApiFlags.Static) != 0 ? "static " : (flags & ApiFlags.Abstract) != 0 ? "abstract " : (flags & ApiFlags.Sealed) != 0 ? "sealed " : "")
            + ((flags & ApiFlags.Record) != 0 ? "record " : "class "),
    };
}
