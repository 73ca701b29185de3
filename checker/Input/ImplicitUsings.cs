namespace ApiTruth.Checker.Input;

/// <summary>The SDK's implicit global usings (Microsoft.NET.Sdk, and Microsoft.NET.Sdk.Web's for ASP.NET Core).</summary>
internal static class ImplicitUsings
{
    private static readonly string[] Sdk = ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] Web = ["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    public static IReadOnlyList<string> For(bool aspNetCore) => aspNetCore ? [.. Sdk, .. Web] : Sdk;
}
