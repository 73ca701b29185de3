namespace ApiTruth.Indexer.Model;

/// <summary>
/// Frameworks are stored as packages whose versions are framework monikers ("netstandard2.0", "net8.0"), so a
/// history query over <c>string.Contains(char)</c> works exactly like one over a package API. The names cannot
/// collide with NuGet ids, which must start with a letter, digit or underscore and contain no spaces.
/// </summary>
internal static class FrameworkSeries
{
    /// <summary>The base class library: netstandard2.0, netstandard2.1, net5.0 … net10.0.</summary>
    public const string DotNet = ".NET";

    /// <summary>The ASP.NET Core shared framework (Microsoft.AspNetCore.App.Ref) per .NET version.</summary>
    public const string AspNetCore = "ASP.NET Core";

    /// <summary>The monikers of the .NET series, oldest first: what history indexes when no framework is indexed.</summary>
    public static readonly IReadOnlyList<string> Monikers =
        ["netstandard2.0", "netstandard2.1", "net5.0", "net6.0", "net7.0", "net8.0", "net9.0", "net10.0"];

    public static bool IsSeries(string name) => name is DotNet or AspNetCore;
}
