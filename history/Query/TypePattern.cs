namespace ApiTruth.History.Query;

/// <summary>How a query parameter is passed: the C# modifier written before its type.</summary>
internal enum PassingModifier
{
    None,
    Ref,
    Out,
    In,
    Params,
    This,
}

/// <summary>
/// A parameter type as a person writes it in a query: <c>string</c>, <c>List&lt;int&gt;</c>, <c>int[]</c>,
/// <c>ref int</c>, <c>JsonSerializerSettings?</c>. Keywords are already mapped to their System names; the
/// other names stay as written (simple or qualified) and are matched as suffixes of doc-ID type names.
/// </summary>
/// <param name="Segments">Dotted name parts (<c>["System", "Int32"]</c> for <c>int</c>).</param>
/// <param name="TypeArguments">Generic arguments, in order (all levels of a nested generic flattened).</param>
/// <param name="ArrayRanks">One entry per array suffix, outermost first: 1 for <c>[]</c>, 2 for <c>[,]</c>.</param>
/// <param name="PointerDepth">Number of <c>*</c> suffixes.</param>
/// <param name="IsNullable"><c>T?</c>: a Nullable&lt;T&gt; for value types, an annotation for reference types.</param>
internal sealed record TypePattern(
    IReadOnlyList<string> Segments,
    IReadOnlyList<TypePattern> TypeArguments,
    IReadOnlyList<int> ArrayRanks,
    int PointerDepth,
    bool IsNullable,
    PassingModifier Modifier)
{
    public override string ToString()
    {
        var text = string.Join('.', Segments);
        if (TypeArguments.Count > 0) text += "<" + string.Join(", ", TypeArguments) + ">";
        if (IsNullable) text += "?";
        text += new string('*', PointerDepth);
        foreach (var rank in ArrayRanks) text += "[" + new string(',', rank - 1) + "]";
        return Modifier == PassingModifier.None ? text : Modifier.ToString().ToLowerInvariant() + " " + text;
    }
}
