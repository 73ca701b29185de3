namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// How a doc ID writes type parameters. The compiler writes a type's parameters as `i and a method's as ``i.
/// A C# 14 extension block's implementation method is the one place where the block's type parameters
/// (declared on the grouping type) become method type parameters ``i, ahead of the member's own, which shift.
/// </summary>
internal readonly record struct GenericParameterNaming(bool TypeParametersAsMethod, int MethodParameterOffset)
{
    public static GenericParameterNaming Compiler => default;

    /// <summary>The naming of an extension block member's implementation method, for a block with <paramref name="blockArity"/> type parameters.</summary>
    public static GenericParameterNaming ExtensionImplementation(int blockArity) => new(true, blockArity);
}
