namespace ApiTruth.Cli;

internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Something is missing / has no overload / is not referenced.</summary>
    public const int Findings = 1;

    /// <summary>Bad input or usage; one line on stderr says why.</summary>
    public const int Usage = 2;

    /// <summary>A bug in ApiTruth: the message and stack trace go to stderr.</summary>
    public const int InternalError = 3;

    /// <summary>Ctrl-C: what was stored is complete; a re-run resumes.</summary>
    public const int Interrupted = 130;
}
