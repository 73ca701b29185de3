namespace ApiTruth.Checker.Findings;

/// <summary>The [Obsolete] facts of an API that exists.</summary>
/// <param name="Message">The attribute's message, if any.</param>
/// <param name="IsError">Using the API is a compile error (<c>[Obsolete(..., true)]</c>).</param>
/// <param name="DiagnosticId">The attribute's DiagnosticId, if any (e.g. <c>SYSLIB0014</c>).</param>
internal sealed record ObsoleteInfo(string? Message, bool IsError, string? DiagnosticId);
