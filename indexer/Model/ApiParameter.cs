namespace ApiTruth.Indexer.Model;

internal enum ParameterModifier : byte
{
    None = 0,
    Ref = 1,
    Out = 2,
    In = 3,
    RefReadOnly = 4,
    This = 5,
}

/// <summary>One parameter of a method, constructor, indexer or delegate.</summary>
/// <param name="Name">The parameter's name (named arguments bind to it).</param>
/// <param name="Type">The parameter type in doc-ID form (<c>System.String</c>, <c>``0</c>, <c>System.Int32@</c> for by-ref).</param>
/// <param name="Modifier">ref / out / in / ref readonly / this.</param>
/// <param name="IsOptional">Has a default value (may be omitted by a caller).</param>
/// <param name="DefaultValue">The default value as C# would write it (<c>null</c>, <c>0</c>, <c>"x"</c>), when optional.</param>
/// <param name="IsParams">Declared <c>params</c>.</param>
internal sealed record ApiParameter(
    string Name,
    string Type,
    ParameterModifier Modifier = ParameterModifier.None,
    bool IsOptional = false,
    string? DefaultValue = null,
    bool IsParams = false);
