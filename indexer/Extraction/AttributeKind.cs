namespace ApiTruth.Indexer.Extraction;

/// <summary>The custom attributes extraction reads, recognised by namespace and name (a package's own polyfill copy counts).</summary>
internal enum AttributeKind : byte
{
    Other,
    Obsolete,
    EditorBrowsable,
    RequiresPreviewFeatures,
    CompilerFeatureRequired,
    RequiredMember,
    IsByRefLike,
    IsReadOnly,
    Extension,
    CompilerGenerated,
    ParamArray,
    RequiresLocation,
    IsUnmanaged,
    DefaultMember,
    ExtensionMarker,
    DecimalConstant,
    DateTimeConstant,
    FixedBuffer,
    NullableContext,
    Nullable,
}

internal static class AttributeKinds
{
    public static AttributeKind Of(string ns, string name) => (ns, name) switch
    {
        ("System", "ObsoleteAttribute") => AttributeKind.Obsolete,
        ("System.ComponentModel", "EditorBrowsableAttribute") => AttributeKind.EditorBrowsable,
        ("System.Runtime.Versioning", "RequiresPreviewFeaturesAttribute") => AttributeKind.RequiresPreviewFeatures,
        ("System.Runtime.CompilerServices", "CompilerFeatureRequiredAttribute") => AttributeKind.CompilerFeatureRequired,
        ("System.Runtime.CompilerServices", "RequiredMemberAttribute") => AttributeKind.RequiredMember,
        ("System.Runtime.CompilerServices", "IsByRefLikeAttribute") => AttributeKind.IsByRefLike,
        ("System.Runtime.CompilerServices", "IsReadOnlyAttribute") => AttributeKind.IsReadOnly,
        ("System.Runtime.CompilerServices", "ExtensionAttribute") => AttributeKind.Extension,
        ("System.Runtime.CompilerServices", "CompilerGeneratedAttribute") => AttributeKind.CompilerGenerated,
        ("System", "ParamArrayAttribute") => AttributeKind.ParamArray,
        ("System.Runtime.CompilerServices", "ParamCollectionAttribute") => AttributeKind.ParamArray,
        ("System.Runtime.CompilerServices", "RequiresLocationAttribute") => AttributeKind.RequiresLocation,
        ("System.Runtime.CompilerServices", "IsUnmanagedAttribute") => AttributeKind.IsUnmanaged,
        ("System.Reflection", "DefaultMemberAttribute") => AttributeKind.DefaultMember,
        ("System.Runtime.CompilerServices", "ExtensionMarkerAttribute") => AttributeKind.ExtensionMarker,
        ("System.Runtime.CompilerServices", "DecimalConstantAttribute") => AttributeKind.DecimalConstant,
        ("System.Runtime.CompilerServices", "DateTimeConstantAttribute") => AttributeKind.DateTimeConstant,
        ("System.Runtime.CompilerServices", "FixedBufferAttribute") => AttributeKind.FixedBuffer,
        ("System.Runtime.CompilerServices", "NullableContextAttribute") => AttributeKind.NullableContext,
        ("System.Runtime.CompilerServices", "NullableAttribute") => AttributeKind.Nullable,
        _ => AttributeKind.Other,
    };

    /// <summary>Whether the facts need the attribute's arguments (its value blob), not just its presence.</summary>
    public static bool NeedsArguments(AttributeKind kind, bool withNullability) => kind switch
    {
        AttributeKind.Obsolete or AttributeKind.EditorBrowsable or AttributeKind.CompilerFeatureRequired
            or AttributeKind.DefaultMember or AttributeKind.ExtensionMarker or AttributeKind.DecimalConstant
            or AttributeKind.DateTimeConstant or AttributeKind.FixedBuffer => true,
        AttributeKind.NullableContext or AttributeKind.Nullable => withNullability,
        _ => false,
    };
}
