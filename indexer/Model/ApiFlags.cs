namespace ApiTruth.Indexer.Model;

/// <summary>Facts about an API that fit in a bit. Stored as an integer: append, never renumber.</summary>
[Flags]
internal enum ApiFlags : uint
{
    None = 0,
    Static = 1 << 0,
    Abstract = 1 << 1,
    Virtual = 1 << 2,
    Sealed = 1 << 3,
    /// <summary>Visible only to derived types (protected or protected internal).</summary>
    Protected = 1 << 4,
    /// <summary>A classic extension method (<c>this</c> parameter) or a member of a C# 14 extension block.</summary>
    Extension = 1 << 5,
    Obsolete = 1 << 6,
    /// <summary>[Obsolete(..., error: true)]: using it is a compile error.</summary>
    ObsoleteError = 1 << 7,
    EditorBrowsableNever = 1 << 8,
    /// <summary>Explicit interface implementation: not callable by name on the class.</summary>
    ExplicitInterfaceImplementation = 1 << 9,
    HasGetter = 1 << 10,
    HasSetter = 1 << 11,
    /// <summary>The getter is protected while the property itself is public.</summary>
    GetterProtected = 1 << 12,
    /// <summary>The setter is protected while the property itself is public.</summary>
    SetterProtected = 1 << 13,
    /// <summary>The setter is <c>init</c>.</summary>
    InitOnly = 1 << 14,
    ReadOnly = 1 << 15,
    /// <summary>The last parameter is <c>params</c>.</summary>
    Params = 1 << 16,
    Required = 1 << 17,
    /// <summary>Declared in a C# 14 <c>extension(...)</c> block.</summary>
    ExtensionBlockMember = 1 << 18,
    /// <summary>A type that is a C# record (has the compiler's <c>&lt;Clone&gt;$</c> method).</summary>
    Record = 1 << 19,
    /// <summary>A ref struct / byref-like type.</summary>
    RefLike = 1 << 20,
    /// <summary>A type nested in another type.</summary>
    Nested = 1 << 21,
    Override = 1 << 22,
    /// <summary>The type or member is reached through a type forwarder in this asset group.</summary>
    Forwarded = 1 << 23,
    /// <summary>The API has the CompilerFeatureRequired or RequiresPreviewFeatures attribute.</summary>
    Preview = 1 << 24,
}
