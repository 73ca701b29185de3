namespace ApiTruth.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something is missing / has no overload / is not referenced.</summary>
    public const int Findings = 1;

    /// <summary>Bad input or usage; one line on stderr says why.</summary>
    public const int Usage = 2;
}
