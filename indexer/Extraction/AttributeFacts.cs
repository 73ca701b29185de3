using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// What the custom attributes on one type, member or parameter say (read by <see cref="MetadataShortcuts"/>).
/// Arguments are read from the value blob (<see cref="AttributeBlob"/>), never through Cecil's decoder.
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

    /// <summary>Adds one attribute. <paramref name="blob"/> is its value blob, given when <see cref="AttributeKinds.NeedsArguments"/> says so.</summary>
    public void Add(AttributeKind kind, int constructorParameterCount, bool firstParameterIsArray, ReadOnlySpan<byte> blob)
    {
        switch (kind)
        {
            case AttributeKind.Obsolete:
                ReadObsolete(constructorParameterCount, blob);
                break;
            case AttributeKind.EditorBrowsable:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadInt32(out var state) && state == 1) Flags |= ApiFlags.EditorBrowsableNever;
                    break;
                }
            case AttributeKind.RequiresPreviewFeatures:
                Flags |= ApiFlags.Preview;
                break;
            case AttributeKind.CompilerFeatureRequired:
                {
                    // RefStructs and RequiredMembers are understood by every C# 11+ compiler: not a preview feature.
                    var reader = new AttributeBlob(blob);
                    if (!reader.TryReadString(out var feature) || feature is not ("RefStructs" or "RequiredMembers")) Flags |= ApiFlags.Preview;
                    break;
                }
            case AttributeKind.RequiredMember:
                Flags |= ApiFlags.Required;
                break;
            case AttributeKind.IsByRefLike:
                Flags |= ApiFlags.RefLike;
                break;
            case AttributeKind.IsReadOnly:
                IsReadOnly = true;
                break;
            case AttributeKind.Extension:
                IsExtension = true;
                break;
            case AttributeKind.CompilerGenerated:
                IsCompilerGenerated = true;
                break;
            case AttributeKind.ParamArray:
                IsParams = true;
                break;
            case AttributeKind.RequiresLocation:
                IsRequiresLocation = true;
                break;
            case AttributeKind.IsUnmanaged:
                IsUnmanaged = true;
                break;
            case AttributeKind.DefaultMember:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadString(out var name)) DefaultMemberName = name;
                    break;
                }
            case AttributeKind.ExtensionMarker:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadString(out var name)) ExtensionMarkerName = name;
                    break;
                }
            case AttributeKind.DecimalConstant:
                ConstantLiteral = ReadDecimalConstant(blob);
                break;
            case AttributeKind.DateTimeConstant:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadInt64(out var ticks)) ConstantLiteral = CSharpLiteral.DateTime(ticks);
                    break;
                }
            case AttributeKind.FixedBuffer:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadString(out var elementType) && elementType is not null)
                    {
                        var comma = elementType.IndexOf(',');
                        FixedBufferElementType = (comma >= 0 ? elementType[..comma] : elementType).Trim();
                    }
                    break;
                }
            case AttributeKind.NullableContext when !blob.IsEmpty:
                {
                    var reader = new AttributeBlob(blob);
                    if (reader.TryReadByte(out var value)) NullableContext = value;
                    break;
                }
            case AttributeKind.Nullable when !blob.IsEmpty:
                Nullable = ReadNullable(firstParameterIsArray, blob);
                break;
        }
    }

    private void ReadObsolete(int constructorParameterCount, ReadOnlySpan<byte> blob)
    {
        string? message = null;
        var isError = false;
        string? diagnosticId = null;
        var reader = new AttributeBlob(blob);
        if (constructorParameterCount >= 1) reader.TryReadString(out message);
        if (constructorParameterCount >= 2) reader.TryReadBoolean(out isError);
        if (reader.IsValid) reader.ReadNamedStringArguments((name, value) => { if (name == "DiagnosticId") diagnosticId = value; });
        if (isError && message is RefStructObsoleteMessage or RequiredMembersObsoleteMessage) return;
        Flags |= ApiFlags.Obsolete;
        if (isError) Flags |= ApiFlags.ObsoleteError;
        ObsoleteMessage = message;
        ObsoleteDiagnosticId = diagnosticId;
    }

    // DecimalConstantAttribute(byte scale, byte sign, uint|int hi, uint|int mid, uint|int lo).
    private static string? ReadDecimalConstant(ReadOnlySpan<byte> bytes)
    {
        var blob = new AttributeBlob(bytes);
        if (!blob.TryReadByte(out var scale) || !blob.TryReadByte(out var sign)
            || !blob.TryReadInt32(out var hi) || !blob.TryReadInt32(out var mid) || !blob.TryReadInt32(out var lo)
            || scale > 28)
        {
            return null;
        }
        return CSharpLiteral.Decimal(new decimal(lo, mid, hi, sign != 0, scale));
    }

    // NullableAttribute(byte) or NullableAttribute(byte[]): the first byte describes the outermost type.
    private static byte? ReadNullable(bool isArray, ReadOnlySpan<byte> bytes)
    {
        var blob = new AttributeBlob(bytes);
        if (isArray)
        {
            if (!blob.TryReadInt32(out var count) || count <= 0) return null;
            return blob.TryReadByte(out var first) ? first : null;
        }
        return blob.TryReadByte(out var value) ? value : null;
    }
}
