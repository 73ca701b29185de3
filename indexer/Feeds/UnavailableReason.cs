namespace ApiTruth.Indexer.Feeds;

/// <summary>Why a package version could not be made available locally.</summary>
internal enum UnavailableReason
{
    /// <summary>No enabled source lists that package version (or the package at all).</summary>
    NotServed,

    /// <summary>The package file is damaged: not a zip, no or bad nuspec, or a hash that does not match.</summary>
    Corrupt,

    /// <summary>The sources could not be reached, even after retrying.</summary>
    Network,

    /// <summary>Not in the global packages folder, and the feed was opened offline (nothing may be downloaded).</summary>
    Offline,
}
