namespace ApiTruth.History.Diff;

/// <summary>One fact of an API that differs between two versions.</summary>
/// <param name="Kind">What changed: return-type, static, parameter-default, parameter-optional, parameter-name, params,
/// obsolete-added, obsolete-removed, obsolete-message, abstract, sealed, virtual, accessibility, getter, setter, init-only,
/// constraints, base-type, interfaces, api-kind, extension, flags.</param>
/// <param name="Description">For people: "returns Task&lt;object&gt; instead of object".</param>
/// <param name="Breaking">Whether code that compiled against the old version can fail to compile (or bind differently) against the new one.</param>
internal sealed record ApiChange(string Kind, string Description, bool Breaking);
