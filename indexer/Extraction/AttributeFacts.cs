using ApiTruth.Indexer.Model;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// What the custom attributes on one type, member or parameter say, read in a single pass. Attributes are
/// recognised by namespace and name (never resolved: a polyfill copy inside a package counts the same), and
/// their arguments are read from the blob (<see cref="AttributeBlob"/>).
/// </summary>
internal struct AttributeFacts
{
    /// <summary>Obsolete, ObsoleteError, EditorBrowsableNever, Preview, Required, RefLike.</summary>
    public ApiFlags Flags;
    public string? ObsoleteMessage;
    public string? ObsoleteDiagnosticId;
    public bool IsExtension;
    public bool IsCompilerGenerated;
    public bool IsParams;
    public bool IsReadOnly;
    public bool IsRequiresLocation;
    public bool IsUnmanaged;
    public string? DefaultMemberName;
    public string? ExtensionMarkerName;
    /// <summary>The C# literal of a [DecimalConstant] or [DateTimeConstant] value.</summary>
    public string? ConstantLiteral;
    /// <summary>The element type name of a fixed-size buffer, as written in [FixedBuffer(typeof(T), n)].</summary>
    public string? FixedBufferElementType;
    /// <summary>The [NullableContext] byte, or the first byte of [Nullable].</summary>
    public byte? NullableContext;
    public byte? Nullable;

    // Written by compilers on ref structs and on constructors of types with required members, so that
    // older compilers refuse them; a current compiler ignores them, so they are not the author's [Obsolete].
    private const string RefStructObsoleteMessage = "Types with embedded references are not supported in this version of your compiler.";
    private const string RequiredMembersObsoleteMessage = "Constructors of types with required members are not supported in this version of your compiler.";

    public static AttributeFacts Read(ICustomAttributeProvider provider)
    {
        var facts = default(AttributeFacts);
        if (!provider.HasCustomAttributes) return facts;
        foreach (var attribute in provider.CustomAttributes) facts.Add(attribute);
        return facts;
    }

    private void Add(CustomAttribute attribute)
    {
        var type = attribute.AttributeType;
        switch (type.Name)
        {
            case "ObsoleteAttribute" when type.Namespace == "System":
                ReadObsolete(attribute);
                break;
            case "EditorBrowsableAttribute" when type.Namespace == "System.ComponentModel":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadInt32(out var state) && state == 1) Flags |= ApiFlags.EditorBrowsableNever;
                    break;
                }
            case "RequiresPreviewFeaturesAttribute" when type.Namespace == "System.Runtime.Versioning":
                Flags |= ApiFlags.Preview;
                break;
            case "CompilerFeatureRequiredAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                {
                    // RefStructs and RequiredMembers are understood by every C# 11+ compiler: not a preview feature.
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (!blob.TryReadString(out var feature) || feature is not ("RefStructs" or "RequiredMembers")) Flags |= ApiFlags.Preview;
                    break;
                }
            case "RequiredMemberAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                Flags |= ApiFlags.Required;
                break;
            case "IsByRefLikeAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                Flags |= ApiFlags.RefLike;
                break;
            case "IsReadOnlyAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsReadOnly = true;
                break;
            case "ExtensionAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsExtension = true;
                break;
            case "CompilerGeneratedAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsCompilerGenerated = true;
                break;
            case "ParamArrayAttribute" when type.Namespace == "System":
            case "ParamCollectionAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsParams = true;
                break;
            case "RequiresLocationAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsRequiresLocation = true;
                break;
            case "IsUnmanagedAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                IsUnmanaged = true;
                break;
            case "DefaultMemberAttribute" when type.Namespace == "System.Reflection":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadString(out var name)) DefaultMemberName = name;
                    break;
                }
            case "ExtensionMarkerAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadString(out var name)) ExtensionMarkerName = name;
                    break;
                }
            case "DecimalConstantAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                ConstantLiteral = ReadDecimalConstant(attribute);
                break;
            case "DateTimeConstantAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadInt64(out var ticks)) ConstantLiteral = CSharpLiteral.DateTime(ticks);
                    break;
                }
            case "FixedBufferAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadString(out var elementType) && elementType is not null)
                    {
                        var comma = elementType.IndexOf(',');
                        FixedBufferElementType = (comma >= 0 ? elementType[..comma] : elementType).Trim();
                    }
                    break;
                }
            case "NullableContextAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                {
                    var blob = new AttributeBlob(attribute.GetBlob());
                    if (blob.TryReadByte(out var value)) NullableContext = value;
                    break;
                }
            case "NullableAttribute" when type.Namespace == "System.Runtime.CompilerServices":
                Nullable = ReadNullable(attribute);
                break;
        }
    }

    private void ReadObsolete(CustomAttribute attribute)
    {
        string? message = null;
        var isError = false;
        string? diagnosticId = null;
        var parameterCount = attribute.Constructor.Parameters.Count;
        var blob = new AttributeBlob(attribute.GetBlob());
        if (parameterCount >= 1) blob.TryReadString(out message);
        if (parameterCount >= 2) blob.TryReadBoolean(out isError);
        if (blob.IsValid) blob.ReadNamedStringArguments((name, value) => { if (name == "DiagnosticId") diagnosticId = value; });
        if (isError && message is RefStructObsoleteMessage or RequiredMembersObsoleteMessage) return;
        Flags |= ApiFlags.Obsolete;
        if (isError) Flags |= ApiFlags.ObsoleteError;
        ObsoleteMessage = message;
        ObsoleteDiagnosticId = diagnosticId;
    }

    // DecimalConstantAttribute(byte scale, byte sign, uint|int hi, uint|int mid, uint|int lo).
    private static string? ReadDecimalConstant(CustomAttribute attribute)
    {
        var blob = new AttributeBlob(attribute.GetBlob());
        if (!blob.TryReadByte(out var scale) || !blob.TryReadByte(out var sign)
            || !blob.TryReadInt32(out var hi) || !blob.TryReadInt32(out var mid) || !blob.TryReadInt32(out var lo)
            || scale > 28)
        {
            return null;
        }
        return CSharpLiteral.Decimal(new decimal(lo, mid, hi, sign != 0, scale));
    }

    // NullableAttribute(byte) or NullableAttribute(byte[]): the first byte describes the outermost type.
    private static byte? ReadNullable(CustomAttribute attribute)
    {
        var parameters = attribute.Constructor.Parameters;
        if (parameters.Count != 1) return null;
        var blob = new AttributeBlob(attribute.GetBlob());
        if (parameters[0].ParameterType is ArrayType)
        {
            if (!blob.TryReadInt32(out var count) || count <= 0) return null;
            return blob.TryReadByte(out var first) ? first : null;
        }
        return blob.TryReadByte(out var value) ? value : null;
    }
}
