using System.Text;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Writes types the way a person reads them in C#: keywords for built-in types, no namespaces,
/// <c>int?</c>, <c>(int, string)</c>, <c>Dictionary&lt;TKey, TValue&gt;.Enumerator</c>.
/// Nullable reference annotations, <c>dynamic</c> and tuple element names are not decoded: they are not identity.
/// </summary>
/// <remarks>Not thread-safe: one instance per worker.</remarks>
internal sealed class CSharpDisplay
{
    private readonly Dictionary<TypeDefinition, string> _paths = new(ReferenceEqualityComparer.Instance);

    /// <summary>When set, names for type (not method) parameters by position, replacing the metadata names.</summary>
    public IReadOnlyList<string>? TypeParameterNames { get; set; }

    /// <summary><c>Outer&lt;T&gt;.Inner&lt;U&gt;</c>: a type definition with its own type parameters at each level, no namespace.</summary>
    public string TypePath(TypeDefinition type)
    {
        if (_paths.TryGetValue(type, out var cached)) return cached;
        var b = new StringBuilder();
        if (type.DeclaringType is { } outer) b.Append(TypePath(outer)).Append('.');
        AppendDefinitionName(b, type, withVariance: false);
        var path = b.ToString();
        _paths[type] = path;
        return path;
    }

    /// <summary>The type's own name with its own type parameters: <c>Func&lt;in T, out TResult&gt;</c> when <paramref name="withVariance"/>.</summary>
    public static void AppendDefinitionName(StringBuilder b, TypeDefinition type, bool withVariance)
    {
        var arity = TypeNames.OwnArity(type);
        b.Append(TypeNames.Unmangled(type.Name, arity));
        if (arity == 0) return;
        var first = type.GenericParameters.Count - arity;
        b.Append('<');
        for (var i = first; i < type.GenericParameters.Count; i++)
        {
            if (i > first) b.Append(", ");
            var parameter = type.GenericParameters[i];
            if (withVariance && parameter.IsCovariant) b.Append("out ");
            else if (withVariance && parameter.IsContravariant) b.Append("in ");
            b.Append(parameter.Name);
        }
        b.Append('>');
    }

    public string Type(TypeReference type)
    {
        var b = new StringBuilder(32);
        AppendType(b, type);
        return b.ToString();
    }

    public void AppendType(StringBuilder b, TypeReference type)
    {
        switch (type)
        {
            case RequiredModifierType modreq:
                AppendType(b, modreq.ElementType);
                return;
            case OptionalModifierType modopt:
                AppendType(b, modopt.ElementType);
                return;
            case PinnedType pinned:
                AppendType(b, pinned.ElementType);
                return;
            case SentinelType sentinel:
                AppendType(b, sentinel.ElementType);
                return;
            case ByReferenceType byRef:
                // ref / out / in are written by the parameter, not the type.
                AppendType(b, byRef.ElementType);
                return;
            case PointerType pointer:
                AppendType(b, pointer.ElementType);
                b.Append('*');
                return;
            case ArrayType array:
                AppendArray(b, array);
                return;
            case FunctionPointerType pointer:
                AppendFunctionPointer(b, pointer);
                return;
            case GenericParameter parameter:
                if (parameter.Type == GenericParameterType.Type && TypeParameterNames is { } names && parameter.Position < names.Count)
                    b.Append(names[parameter.Position]);
                else
                    b.Append(parameter.Name);
                return;
            case GenericInstanceType instance:
                AppendInstance(b, instance);
                return;
            default:
                AppendNamed(b, type, null);
                return;
        }
    }

    // C# writes the outermost array's rank first: int[,][] is a two-dimensional array of int[].
    private void AppendArray(StringBuilder b, ArrayType array)
    {
        var ranks = new List<int>();
        TypeReference element = array;
        while (element is ArrayType a)
        {
            ranks.Add(a.Rank);
            element = a.ElementType;
        }
        AppendType(b, element);
        foreach (var rank in ranks) b.Append('[').Append(',', rank - 1).Append(']');
    }

    private void AppendFunctionPointer(StringBuilder b, FunctionPointerType pointer)
    {
        b.Append("delegate*");
        if (pointer.CallingConvention != MethodCallingConvention.Default) b.Append(" unmanaged");
        b.Append('<');
        foreach (var parameter in pointer.Parameters)
        {
            AppendType(b, parameter.ParameterType);
            b.Append(", ");
        }
        AppendType(b, pointer.ReturnType);
        b.Append('>');
    }

    private void AppendInstance(StringBuilder b, GenericInstanceType instance)
    {
        var element = instance.ElementType;
        var arguments = instance.GenericArguments;
        if (element.Namespace == "System" && element.DeclaringType is null)
        {
            if (element.Name == "Nullable`1" && arguments.Count == 1)
            {
                AppendType(b, arguments[0]);
                b.Append('?');
                return;
            }
            if (element.Name.StartsWith("ValueTuple`", StringComparison.Ordinal) && arguments.Count is >= 2 and <= 8)
            {
                b.Append('(');
                AppendTupleElements(b, instance);
                b.Append(')');
                return;
            }
        }
        AppendNamed(b, element, arguments);
    }

    // ValueTuple`8 nests the elements after the seventh in TRest.
    private void AppendTupleElements(StringBuilder b, GenericInstanceType tuple)
    {
        var arguments = tuple.GenericArguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (i > 0) b.Append(", ");
            if (i == 7 && arguments[i] is GenericInstanceType rest && rest.ElementType.Name.StartsWith("ValueTuple`", StringComparison.Ordinal))
                AppendTupleElements(b, rest);
            else
                AppendType(b, arguments[i]);
        }
    }

    private void AppendNamed(StringBuilder b, TypeReference type, IList<TypeReference>? arguments)
    {
        if (arguments is null && type.DeclaringType is null && Keyword(type) is { } keyword)
        {
            b.Append(keyword);
            return;
        }
        var levels = new List<TypeReference>(2);
        for (var t = type; t is not null; t = t.DeclaringType) levels.Add(t);
        levels.Reverse();
        var next = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0) b.Append('.');
            var level = levels[i];
            var arity = TypeNames.OwnArity(level);
            b.Append(TypeNames.Unmangled(level.Name, arity));
            if (arity == 0) continue;
            b.Append('<');
            for (var k = 0; k < arity; k++)
            {
                if (k > 0) b.Append(", ");
                if (arguments is not null && next < arguments.Count) AppendType(b, arguments[next++]);
                else if (level is TypeDefinition definition) b.Append(definition.GenericParameters[definition.GenericParameters.Count - arity + k].Name);
            }
            b.Append('>');
        }
    }

    public static string? Keyword(TypeReference type)
    {
        if (type.Namespace != "System") return null;
        return Model.CSharpNames.Keyword(type.Name);
    }
}
