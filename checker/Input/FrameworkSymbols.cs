using NuGet.Frameworks;

namespace ApiTruth.Checker.Input;

/// <summary>
/// The preprocessor symbols the .NET SDK defines for a target framework (NET8_0, NET6_0_OR_GREATER,
/// NETSTANDARD2_0, NETFRAMEWORK, NET462_OR_GREATER, …), plus TRACE and RELEASE, so that code under
/// <c>#if</c> is seen as the compiler of that framework sees it.
/// </summary>
internal static class FrameworkSymbols
{
    private static readonly Version[] NetCoreApp = [new(1, 0), new(1, 1), new(2, 0), new(2, 1), new(2, 2), new(3, 0), new(3, 1)];
    private static readonly Version[] NetStandard = [new(1, 0), new(1, 1), new(1, 2), new(1, 3), new(1, 4), new(1, 5), new(1, 6), new(2, 0), new(2, 1)];
    private static readonly string[] NetFramework = ["20", "35", "40", "45", "451", "452", "46", "461", "462", "47", "471", "472", "48", "481"];

    public static IReadOnlyList<string> For(string framework)
    {
        var symbols = new List<string> { "TRACE", "RELEASE" };
        var parsed = NuGetFramework.Parse(framework);
        var version = parsed.Version;
        switch (parsed.Framework)
        {
            case FrameworkConstants.FrameworkIdentifiers.NetCoreApp:
                symbols.Add("NETCOREAPP");
                foreach (var v in NetCoreApp.Where(v => v <= version))
                    symbols.Add($"NETCOREAPP{v.Major}_{v.Minor}_OR_GREATER");
                if (version.Major >= 5)
                {
                    symbols.Add("NET");
                    symbols.Add($"NET{version.Major}_{version.Minor}");
                    for (int major = 5; major <= version.Major; major++)
                        symbols.Add($"NET{major}_0_OR_GREATER");
                }
                else
                {
                    symbols.Add($"NETCOREAPP{version.Major}_{version.Minor}");
                }
                break;
            case FrameworkConstants.FrameworkIdentifiers.NetStandard:
                symbols.Add("NETSTANDARD");
                symbols.Add($"NETSTANDARD{version.Major}_{version.Minor}");
                foreach (var v in NetStandard.Where(v => v <= version))
                    symbols.Add($"NETSTANDARD{v.Major}_{v.Minor}_OR_GREATER");
                break;
            case FrameworkConstants.FrameworkIdentifiers.Net:
                var digits = $"{version.Major}{version.Minor}{(version.Build > 0 ? version.Build.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
                symbols.Add("NETFRAMEWORK");
                symbols.Add("NET" + digits);
                int index = Array.IndexOf(NetFramework, digits);
                foreach (var v in NetFramework.Take(index + 1))
                    symbols.Add($"NET{v}_OR_GREATER");
                break;
        }
        return symbols;
    }
}
