using System.Text;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>Writes generic constraints as C# declares them: <c>where T : class?, IComparable&lt;T&gt;, new() where U : unmanaged</c>.</summary>
internal static class GenericConstraintText
{
    /// <summary>The constraints of <paramref name="parameters"/> from index <paramref name="first"/> (a nested type re-declares its outer type's parameters first), or null when there are none.</summary>
    public static string? For(IList<GenericParameter> parameters, int first, IGenericParameterProvider owner, CSharpDisplay display, MetadataShortcuts metadata)
    {
        StringBuilder? b = null;
        byte? context = null;
        var contextRead = false;
        for (var i = first; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var facts = metadata.Read(parameter, withNullability: true);
            var parts = new List<string>(2);
            var isValueType = parameter.HasNotNullableValueTypeConstraint;
            if (parameter.HasReferenceTypeConstraint)
            {
                parts.Add(Nullability(facts, owner, metadata, ref context, ref contextRead) == 2 ? "class?" : "class");
            }
            else if (isValueType)
            {
                parts.Add(facts.IsUnmanaged ? "unmanaged" : "struct");
            }
            else if (parameter.Constraints.Count == 0 && Nullability(facts, owner, metadata, ref context, ref contextRead) == 1)
            {
                parts.Add("notnull");
            }
            if (parameter.Constraints.Count > 0)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    var type = constraint.ConstraintType;
                    while (type is RequiredModifierType or OptionalModifierType) type = ((TypeSpecification)type).ElementType;
                    // struct and unmanaged are encoded with a System.ValueType constraint.
                    if (isValueType && type is { Name: "ValueType", Namespace: "System" }) continue;
                    parts.Add(display.Type(type));
                }
            }
            if (parameter.HasDefaultConstructorConstraint && !isValueType) parts.Add("new()");
            if (parameter.AllowByRefLikeConstraint) parts.Add("allows ref struct");
            if (parts.Count == 0) continue;
            b ??= new StringBuilder();
            if (b.Length > 0) b.Append(' ');
            b.Append("where ").Append(parameter.Name).Append(" : ").AppendJoin(", ", parts);
        }
        return b?.ToString();
    }

    // A type parameter's own [Nullable], else the nearest [NullableContext] (method, then declaring types).
    private static byte Nullability(AttributeFacts facts, IGenericParameterProvider owner, MetadataShortcuts metadata, ref byte? context, ref bool contextRead)
    {
        if (facts.Nullable is { } own) return own;
        if (!contextRead)
        {
            contextRead = true;
            context = NearestContext(owner, metadata);
        }
        return context ?? 0;
    }

    private static byte? NearestContext(IGenericParameterProvider owner, MetadataShortcuts metadata)
    {
        if (owner is MethodDefinition method)
        {
            if (metadata.Read(method, withNullability: true).NullableContext is { } value) return value;
            owner = method.DeclaringType;
        }
        for (var type = owner as TypeDefinition; type is not null; type = type.DeclaringType)
        {
            if (metadata.Read(type, withNullability: true).NullableContext is { } value) return value;
        }
        return null;
    }
}
