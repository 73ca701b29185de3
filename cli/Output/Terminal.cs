namespace ApiTruth.Cli.Output;

/// <summary>Whether output goes to a person at a terminal (progress bars, colour) or to a log or pipe.</summary>
internal static class Terminal
{
    public static bool IsInteractive(TextWriter writer) =>
        writer == Console.Out ? !Console.IsOutputRedirected && !IsCi : writer == Console.Error && !Console.IsErrorRedirected && !IsCi;

    public static bool IsCi => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static bool UseColor(TextWriter writer) =>
        IsInteractive(writer) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
