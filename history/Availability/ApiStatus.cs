namespace ApiTruth.History.Availability;

/// <summary>Whether an API is in one version's compile-time surface.</summary>
internal enum ApiStatus
{
    Absent,
    Present,
    /// <summary>Present and marked [Obsolete].</summary>
    Obsolete,
}

internal static class ApiStatusExtensions
{
    public static bool IsPresent(this ApiStatus status) => status != ApiStatus.Absent;

    /// <summary>The word used in output and in the JSON contract.</summary>
    public static string ToWord(this ApiStatus status) => status switch
    {
        ApiStatus.Present => "present",
        ApiStatus.Obsolete => "obsolete",
        _ => "absent",
    };
}
