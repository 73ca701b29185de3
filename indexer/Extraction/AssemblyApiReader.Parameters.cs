using System.Text;
using ApiTruth.Indexer.Model;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

internal sealed partial class AssemblyApiReader
{
    /// <summary>A parameter list read once for the record, the doc ID and the display.</summary>
    private readonly record struct Signature(ApiParameter[] Parameters, TypeReference[] Types, string Display, bool HasParams);

    private static readonly Signature EmptySignature = new([], [], "()", false);

    private Signature ReadParameters(IList<ParameterDefinition> parameters, bool isExtension)
    {
        if (parameters.Count == 0) return EmptySignature;
        var records = new ApiParameter[parameters.Count];
        var types = new TypeReference[parameters.Count];
        var display = new StringBuilder(16 * parameters.Count).Append('(');
        var hasParams = false;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            types[i] = parameter.ParameterType;
            var facts = _metadata.Read(parameter);
            var refKind = RefKindOf(parameter, facts);
            var isThis = isExtension && i == 0;
            var isParams = facts.IsParams && i == parameters.Count - 1;
            hasParams |= isParams;
            var isOptional = parameter.IsOptional;
            var defaultValue = isOptional ? DefaultValue(parameter, facts) : null;
            records[i] = new ApiParameter(parameter.Name, _ids.TypeForm(parameter.ParameterType),
                isThis ? ParameterModifier.This : refKind, isOptional, defaultValue, isParams);

            if (i > 0) display.Append(", ");
            if (isParams) display.Append("params ");
            if (isThis) display.Append("this ");
            display.Append(refKind switch
            {
                ParameterModifier.Ref => "ref ",
                ParameterModifier.Out => "out ",
                ParameterModifier.In => "in ",
                ParameterModifier.RefReadOnly => "ref readonly ",
                _ => "",
            });
            _display.AppendType(display, parameter.ParameterType);
            if (parameter.Name.Length > 0) display.Append(' ').Append(parameter.Name);
            if (defaultValue is not null) display.Append(" = ").Append(defaultValue);
        }
        display.Append(')');
        return new Signature(records, types, display.ToString(), hasParams);
    }

    // ref: T&. out: [out] T&. in: [in] T& + [IsReadOnly] (+ modreq(InAttribute) when virtual).
    // ref readonly (C# 12): T& + [RequiresLocation].
    private static ParameterModifier RefKindOf(ParameterDefinition parameter, AttributeFacts facts)
    {
        var type = parameter.ParameterType;
        var inModifier = false;
        while (type is RequiredModifierType or OptionalModifierType)
        {
            if (type is RequiredModifierType { ModifierType: { Name: "InAttribute", Namespace: "System.Runtime.InteropServices" } }) inModifier = true;
            type = ((TypeSpecification)type).ElementType;
        }
        if (type is not ByReferenceType) return ParameterModifier.None;
        if (facts.IsRequiresLocation) return ParameterModifier.RefReadOnly;
        if (parameter.IsOut && !parameter.IsIn) return ParameterModifier.Out;
        if (facts.IsReadOnly || inModifier) return ParameterModifier.In;
        return ParameterModifier.Ref;
    }

    private string DefaultValue(ParameterDefinition parameter, AttributeFacts facts)
    {
        if (_metadata.TryGetConstant(parameter, out var constant)) return ConstantText(constant, parameter.ParameterType);
        // [opt] with [DecimalConstant]/[DateTimeConstant]; [opt] alone is default(T) (or COM's Missing).
        return facts.ConstantLiteral ?? "default";
    }

    private string ConstantText(object? value, TypeReference declaredType)
    {
        var type = declaredType;
        while (type is RequiredModifierType or OptionalModifierType or ByReferenceType) type = ((TypeSpecification)type).ElementType;
        var isNullable = type is GenericInstanceType { ElementType: { Name: "Nullable`1", Namespace: "System" } } nullable && nullable.GenericArguments.Count == 1;
        var underlying = isNullable ? ((GenericInstanceType)type).GenericArguments[0] : type;
        if (value is null) return type.IsValueType && !isNullable && type is not GenericParameter ? "default" : "null";
        if (CSharpLiteral.IsIntegral(value) && value is not bool && value is not char
            && underlying.IsValueType && underlying is not GenericParameter && CSharpDisplay.Keyword(underlying) is null)
        {
            return EnumLiteral(value, underlying);
        }
        return CSharpLiteral.Format(value);
    }

    // An enum-typed default is stored as its underlying integer; name the member when the enum can be found.
    private string EnumLiteral(object value, TypeReference enumType)
    {
        var name = _display.Type(enumType);
        TypeDefinition? definition = null;
        try
        {
            definition = enumType.Resolve();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not resolvable: the cast form below is still correct C#.
        }
        if (definition is { IsEnum: true })
        {
            foreach (var field in definition.Fields)
            {
                if (field.IsLiteral && field.HasConstant && Equals(field.Constant, value)) return name + "." + field.Name;
            }
            if (FlagsLiteral(definition, name, value) is { } combination) return combination;
        }
        var literal = CSharpLiteral.Format(value);
        return "(" + name + ")" + (literal.StartsWith('-') ? "(" + literal + ")" : literal);
    }

    // A [Flags] combination written as C# would: Access.Read | Access.Write.
    private static string? FlagsLiteral(TypeDefinition enumType, string name, object value)
    {
        if (!enumType.CustomAttributes.Any(a => a.AttributeType is { Name: "FlagsAttribute", Namespace: "System" })) return null;
        var remaining = Bits(value);
        var parts = new List<string>();
        foreach (var field in enumType.Fields)
        {
            if (!field.IsLiteral || !field.HasConstant || !CSharpLiteral.IsIntegral(field.Constant)) continue;
            var bits = Bits(field.Constant!);
            if (bits == 0 || (bits & (bits - 1)) != 0 || (remaining & bits) == 0) continue;
            parts.Add(name + "." + field.Name);
            remaining &= ~bits;
        }
        return remaining == 0 && parts.Count > 1 ? string.Join(" | ", parts) : null;
    }

    private static ulong Bits(object integral) => integral switch
    {
        ulong u => u,
        bool b => b ? 1UL : 0UL,
        char c => c,
        _ => unchecked((ulong)Convert.ToInt64(integral, System.Globalization.CultureInfo.InvariantCulture)),
    };
}
