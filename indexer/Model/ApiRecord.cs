namespace ApiTruth.Indexer.Model;

/// <summary>
/// One public (or protected) API of one asset group, as extracted. Identity is <see cref="DocId"/>
/// (the classic documentation-comment ID); all other fields are facts that may change between versions
/// while the identity stays (a method's return type, a default value, [Obsolete]).
/// </summary>
/// <param name="DocId">Classic doc ID: <c>T:Ns.Type`1</c>, <c>M:Ns.Type.Method(System.String)</c>, <c>P:</c>, <c>F:</c>, <c>E:</c>.</param>
/// <param name="Kind">What the API is.</param>
/// <param name="Flags">Bit facts.</param>
/// <param name="Display">A C#-like signature for people: <c>JsonConvert.DeserializeObject&lt;T&gt;(string value)</c>.</param>
/// <param name="DeclaringType">Doc ID of the declaring type (<c>T:…</c>) for members and nested types; null for top-level types.</param>
/// <param name="ReturnType">Doc-ID form of the return / property / field / event type; for delegates the Invoke return type; null for other types and constructors.</param>
/// <param name="Parameters">Parameters of methods, constructors, indexers, operators and delegates.</param>
/// <param name="GenericArity">Number of generic parameters declared by this API itself.</param>
/// <param name="GenericConstraints">Constraints in C# form (<c>where T : class, new()</c>), or null.</param>
/// <param name="ExtendedType">For extension methods and extension-block members: doc-ID form of the extended (receiver) type.</param>
/// <param name="BaseType">For classes: doc ID of the base type (<c>T:System.Object</c>), also when defined in another assembly.</param>
/// <param name="Interfaces">For types: doc IDs of the implemented interfaces.</param>
/// <param name="ObsoleteMessage">The [Obsolete] message, if any.</param>
/// <param name="ObsoleteDiagnosticId">The [Obsolete] DiagnosticId, if any.</param>
internal sealed record ApiRecord(
    string DocId,
    ApiKind Kind,
    ApiFlags Flags,
    string Display,
    string? DeclaringType = null,
    string? ReturnType = null,
    IReadOnlyList<ApiParameter>? Parameters = null,
    int GenericArity = 0,
    string? GenericConstraints = null,
    string? ExtendedType = null,
    string? BaseType = null,
    IReadOnlyList<string>? Interfaces = null,
    string? ObsoleteMessage = null,
    string? ObsoleteDiagnosticId = null)
{
    public IReadOnlyList<ApiParameter> ParameterList => Parameters ?? [];

    public IReadOnlyList<string> InterfaceList => Interfaces ?? [];

    public bool Has(ApiFlags flag) => (Flags & flag) == flag;

    /// <summary>The simple name as C# code writes it: <c>DeserializeObject</c>, <c>JsonConvert</c>, <c>.ctor</c> for constructors.</summary>
    public string Name => DocIds.SimpleName(DocId);

    // Records compare lists by reference; a variant's identity is its whole content, so compare by value.
    public bool Equals(ApiRecord? other) =>
        other is not null
        && DocId == other.DocId && Kind == other.Kind && Flags == other.Flags && Display == other.Display
        && DeclaringType == other.DeclaringType && ReturnType == other.ReturnType
        && ParameterList.SequenceEqual(other.ParameterList) && GenericArity == other.GenericArity
        && GenericConstraints == other.GenericConstraints && ExtendedType == other.ExtendedType
        && BaseType == other.BaseType && InterfaceList.SequenceEqual(other.InterfaceList)
        && ObsoleteMessage == other.ObsoleteMessage && ObsoleteDiagnosticId == other.ObsoleteDiagnosticId;

    public override int GetHashCode() => HashCode.Combine(DocId, Kind, Flags, ReturnType, ParameterList.Count, ObsoleteMessage);
}
