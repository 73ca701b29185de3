using System.Text;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Writes classic documentation-comment IDs in the C# compiler's flavour, the form Roslyn's
/// <c>ISymbol.GetDocumentationCommentId()</c> returns. Cecil's own <c>DocCommentId</c> is not used because it
/// differs from the compiler: it writes custom modifiers (<c>|</c>/<c>!</c>) and function pointers, which the
/// compiler drops (modifiers) or writes as an empty string (function pointers).
/// </summary>
/// <remarks>Not thread-safe: one instance per worker.</remarks>
internal sealed class DocIdWriter
{
    private readonly StringBuilder _builder = new(256);
    private readonly StringBuilder _typeBuilder = new(128);
    private readonly Dictionary<TypeDefinition, string> _declarationNames = new(ReferenceEqualityComparer.Instance);

    public string TypeId(TypeDefinition type) => "T:" + DeclarationName(type);

    /// <summary><c>Ns.Outer`1.Inner</c>: the name of a type definition as a doc ID writes it for the type itself and its members.</summary>
    public string DeclarationName(TypeDefinition type)
    {
        if (_declarationNames.TryGetValue(type, out var cached)) return cached;
        var arity = TypeNames.OwnArity(type);
        var name = TypeNames.Unmangled(type.Name, arity);
        if (arity > 0) name = name + "`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string full;
        if (type.DeclaringType is { } outer) full = DeclarationName(outer) + "." + name;
        else full = type.Namespace.Length > 0 ? type.Namespace + "." + name : name;
        _declarationNames[type] = full;
        return full;
    }

    /// <summary>
    /// A member ID: <c>M:Ns.T.Name``1(System.String)</c>; conversion operators get the compiler's <c>~ReturnType</c>.
    /// </summary>
    public string MemberId(char prefix, string declaringName, string metadataName, int methodArity,
        IReadOnlyList<TypeReference> parameterTypes, TypeReference? conversionReturnType, GenericParameterNaming naming)
    {
        var b = _builder.Clear();
        b.Append(prefix).Append(':').Append(declaringName).Append('.');
        AppendEscapedMemberName(b, metadataName);
        if (methodArity > 0) b.Append("``").Append(methodArity);
        if (parameterTypes.Count > 0)
        {
            b.Append('(');
            for (var i = 0; i < parameterTypes.Count; i++)
            {
                if (i > 0) b.Append(',');
                AppendTypeForm(b, parameterTypes[i], naming);
            }
            b.Append(')');
        }
        if (conversionReturnType is not null)
        {
            b.Append('~');
            AppendTypeForm(b, conversionReturnType, naming);
        }
        return b.ToString();
    }

    /// <summary>A type as doc IDs write it inside a signature: <c>System.Collections.Generic.List{``0}</c>, <c>System.Int32@</c>.</summary>
    public string TypeForm(TypeReference type, GenericParameterNaming naming = default)
    {
        var b = _typeBuilder.Clear();
        AppendTypeForm(b, type, naming);
        return b.ToString();
    }

    /// <summary>
    /// The lookup key of an extension receiver: the open definition ID of a named type
    /// (<c>T:System.Collections.Generic.IEnumerable`1</c> for <c>this IEnumerable&lt;T&gt;</c>), else the doc-ID type
    /// form without prefix (<c>``0</c>, <c>System.Int32[]</c>, <c>System.Int32*</c>). ref/in receivers drop the <c>@</c>.
    /// </summary>
    public string ExtendedTypeKey(TypeReference receiver, GenericParameterNaming naming)
    {
        var type = receiver;
        while (type is RequiredModifierType or OptionalModifierType or ByReferenceType)
            type = ((TypeSpecification)type).ElementType;
        if (type is GenericInstanceType instance) type = instance.ElementType;
        if (type is TypeSpecification or GenericParameter or FunctionPointerType) return TypeForm(type, naming);
        var b = new StringBuilder(64).Append("T:");
        AppendNamed(b, type, null, naming);
        return b.ToString();
    }

    /// <summary>
    /// The open definition ID of a type ID in reference form: <c>T:A.B`2.C`1</c> for <c>T:A.B{X,Y{Z}}.C{W}</c>,
    /// for looking up the record of a constructed base type or interface.
    /// </summary>
    public static string OpenTypeId(string typeId)
    {
        if (typeId.IndexOf('{') < 0) return typeId;
        var b = new StringBuilder(typeId.Length);
        var depth = 0;
        var commas = 0;
        foreach (var c in typeId)
        {
            switch (c)
            {
                case '{':
                    if (depth == 0) commas = 0;
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0) b.Append('`').Append(commas + 1);
                    break;
                case ',' when depth == 1:
                    commas++;
                    break;
                default:
                    if (depth == 0) b.Append(c);
                    break;
            }
        }
        return b.ToString();
    }

    // The compiler escapes member names: explicit implementations are dotted (System.IDisposable.Dispose) and
    // generic interfaces put angle brackets in the name.
    private static void AppendEscapedMemberName(StringBuilder b, string name)
    {
        foreach (var c in name)
        {
            b.Append(c switch { '.' => '#', '<' => '{', '>' => '}', _ => c });
        }
    }

    public void AppendTypeForm(StringBuilder b, TypeReference type, GenericParameterNaming naming)
    {
        switch (type)
        {
            case RequiredModifierType modreq:
                AppendTypeForm(b, modreq.ElementType, naming);
                return;
            case OptionalModifierType modopt:
                AppendTypeForm(b, modopt.ElementType, naming);
                return;
            case PinnedType pinned:
                AppendTypeForm(b, pinned.ElementType, naming);
                return;
            case SentinelType sentinel:
                AppendTypeForm(b, sentinel.ElementType, naming);
                return;
            case ByReferenceType byRef:
                AppendTypeForm(b, byRef.ElementType, naming);
                b.Append('@');
                return;
            case PointerType pointer:
                AppendTypeForm(b, pointer.ElementType, naming);
                b.Append('*');
                return;
            case ArrayType array:
                AppendTypeForm(b, array.ElementType, naming);
                if (array.IsVector)
                {
                    b.Append("[]");
                }
                else
                {
                    b.Append("[0:");
                    for (var i = 1; i < array.Rank; i++) b.Append(",0:");
                    b.Append(']');
                }
                return;
            case FunctionPointerType:
                // The compiler writes nothing for a function pointer (roslyn#48363); match it so lookups agree.
                return;
            case GenericParameter parameter:
                if (parameter.Type == GenericParameterType.Method)
                    b.Append("``").Append(parameter.Position + naming.MethodParameterOffset);
                else
                    b.Append(naming.TypeParametersAsMethod ? "``" : "`").Append(parameter.Position);
                return;
            case GenericInstanceType instance:
                AppendNamed(b, instance.ElementType, instance.GenericArguments, naming);
                return;
            default:
                AppendNamed(b, type, null, naming);
                return;
        }
    }

    private void AppendNamed(StringBuilder b, TypeReference type, IList<TypeReference>? arguments, GenericParameterNaming naming)
    {
        if (arguments is null && type.DeclaringType is null)
        {
            // The common case: a non-generic top-level type (System.String).
            var arity = TypeNames.OwnArity(type);
            if (type.Namespace.Length > 0) b.Append(type.Namespace).Append('.');
            b.Append(TypeNames.Unmangled(type.Name, arity));
            if (arity > 0) b.Append('`').Append(arity);
            return;
        }
        Span<int> arities = stackalloc int[16];
        var levels = new List<TypeReference>(2);
        for (var t = type; t is not null; t = t.DeclaringType) levels.Add(t);
        levels.Reverse();
        if (levels.Count > arities.Length) arities = new int[levels.Count];
        var total = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            arities[i] = TypeNames.OwnArity(levels[i]);
            total += arities[i];
        }
        if (arguments is not null && total != arguments.Count) DistributeArityFromDefinition(levels, arities, arguments.Count);

        var outermost = levels[0];
        if (outermost.Namespace.Length > 0) b.Append(outermost.Namespace).Append('.');
        var next = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0) b.Append('.');
            var arity = arities[i];
            b.Append(TypeNames.Unmangled(levels[i].Name, arity));
            if (arity == 0) continue;
            if (arguments is null)
            {
                b.Append('`').Append(arity);
                continue;
            }
            b.Append('{');
            for (var k = 0; k < arity && next < arguments.Count; k++, next++)
            {
                if (k > 0) b.Append(',');
                AppendTypeForm(b, arguments[next], naming);
            }
            b.Append('}');
        }
    }

    // A reference's `N suffixes did not add up to its argument count (a non-C# compiler, an obfuscator):
    // ask the definition. When that cannot be found, give every argument to the innermost type.
    private static void DistributeArityFromDefinition(List<TypeReference> levels, Span<int> arities, int argumentCount)
    {
        TypeDefinition? definition = null;
        try { definition = levels[^1].Resolve(); }
        catch (Exception) { /* unresolvable: fall through to the innermost-type rule */ }
        if (definition is not null)
        {
            var chain = new List<TypeDefinition>();
            for (var d = definition; d is not null; d = d.DeclaringType) chain.Add(d);
            chain.Reverse();
            if (chain.Count == levels.Count)
            {
                var sum = 0;
                for (var i = 0; i < chain.Count; i++) sum += arities[i] = TypeNames.OwnArity(chain[i]);
                if (sum == argumentCount) return;
            }
        }
        for (var i = 0; i < levels.Count; i++) arities[i] = 0;
        arities[levels.Count - 1] = argumentCount;
    }
}
