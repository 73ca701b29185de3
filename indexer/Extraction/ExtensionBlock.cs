using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>The receiver of a C# 14 extension block: <c>extension(string s)</c>.</summary>
/// <param name="Type">The receiver type as the marker method declares it (its type parameters are the block's).</param>
/// <param name="Name">The receiver parameter's name; empty for a block with only static members.</param>
/// <param name="Marker">The marker type, whose type parameters carry the block's type parameter names.</param>
internal sealed record ExtensionReceiver(TypeReference Type, string Name, TypeDefinition Marker);

/// <summary>
/// One C# 14 extension grouping type as the released compiler (.NET 10) emits it: a nested public sealed
/// specialname class <c>&lt;G&gt;$HASH</c> of a static class, holding signature-only "skeleton" members in the
/// C# view (instance property <c>P</c>, method <c>M(args)</c>), each tagged [ExtensionMarker("&lt;M&gt;$HASH")]
/// naming a nested marker type whose static <c>&lt;Extension&gt;$(Receiver r)</c> method declares the receiver.
/// The callable code is in implementation methods on the static class (receiver first, block type parameters first).
/// Recognised by structure, as ILSpy and PublicApiGenerator do; the preview-only <c>&lt;&gt;E__N</c> encoding is not.
/// </summary>
internal sealed class ExtensionBlock
{
    private readonly Dictionary<string, ExtensionReceiver> _receiversByMarker;

    private ExtensionBlock(TypeDefinition groupingType, Dictionary<string, ExtensionReceiver> receiversByMarker)
    {
        GroupingType = groupingType;
        _receiversByMarker = receiversByMarker;
    }

    public TypeDefinition GroupingType { get; }

    /// <summary>The number of type parameters of the block (declared on the grouping type).</summary>
    public int Arity => GroupingType.GenericParameters.Count;

    public static bool IsGroupingType(TypeDefinition type) =>
        type.IsNested && type.IsSpecialName && type.IsSealed && type.Name.StartsWith("<G>$", StringComparison.Ordinal)
        && type.DeclaringType is { IsAbstract: true, IsSealed: true };

    public static ExtensionBlock Read(TypeDefinition groupingType)
    {
        var receivers = new Dictionary<string, ExtensionReceiver>(StringComparer.Ordinal);
        foreach (var marker in groupingType.NestedTypes)
        {
            if (!marker.Name.StartsWith("<M>$", StringComparison.Ordinal)) continue;
            var method = marker.Methods.FirstOrDefault(m => m.Name == "<Extension>$" && m.IsStatic && m.Parameters.Count == 1);
            if (method is null) continue;
            var parameter = method.Parameters[0];
            receivers[marker.Name] = new ExtensionReceiver(parameter.ParameterType, parameter.Name, marker);
        }
        return new ExtensionBlock(groupingType, receivers);
    }

    public ExtensionReceiver? ReceiverOf(string? markerName) =>
        markerName is not null && _receiversByMarker.TryGetValue(markerName, out var receiver) ? receiver : null;
}
