namespace ApiTruth.History.Query;

/// <summary>One dotted part of a queried name: <c>DeserializeObject</c> with arity 1 for <c>DeserializeObject&lt;T&gt;</c>.</summary>
/// <param name="Name">The identifier as a doc ID writes it (<c>#ctor</c> for constructors, no arity suffix).</param>
/// <param name="Arity">The generic arity the query gives, or null when it gives none (any arity matches).</param>
internal readonly record struct NameSegment(string Name, int? Arity)
{
    public override string ToString() => Arity is { } arity ? $"{Name}`{arity}" : Name;
}

/// <summary>
/// A parsed <c>history</c>/<c>find</c> query: either an exact doc ID, or a dotted name (matched as a suffix of
/// the fully qualified name, so <c>JsonConvert.DeserializeObject</c> finds <c>Newtonsoft.Json.JsonConvert.DeserializeObject</c>)
/// with an optional parameter list (null: any overload; empty: the parameterless one).
/// </summary>
internal sealed record ApiQuery(string Text, string? DocId, IReadOnlyList<NameSegment> Segments, IReadOnlyList<TypePattern>? Parameters)
{
    public bool IsDocId => DocId is not null;

    /// <summary>The last name, the one a package's names list holds (types and members alike).</summary>
    public string SimpleName => Segments.Count > 0 ? Segments[^1].Name : "";

    /// <summary>The query without its parameter list (what a "did you mean" compares against).</summary>
    public string DottedName => string.Join('.', Segments.Select(s => s.Name));
}
