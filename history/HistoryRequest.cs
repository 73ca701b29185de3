namespace ApiTruth.History;

/// <summary>What <c>apitruth history</c> asks.</summary>
/// <param name="Package">A package id; null for the framework series (.NET, then ASP.NET Core).</param>
/// <param name="Api">The API as typed: Type.Member, Ns.Type.Member(string, int), Type.Method&lt;T&gt;, Type, or a doc ID.</param>
/// <param name="Framework">The project's target framework (net8.0); null: the newest framework the package supports.</param>
/// <param name="AllFrameworks">One status per asset group instead of the one group a project would compile against.</param>
/// <param name="IncludePrerelease">Include prerelease versions.</param>
internal sealed record HistoryRequest(string? Package, string Api, string? Framework = null, bool AllFrameworks = false, bool IncludePrerelease = false);
