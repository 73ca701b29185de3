namespace ApiTruth.History.Availability;

/// <summary>One API in one version (one asset group of it with <c>--all-frameworks</c>).</summary>
/// <param name="Version">The package version, or the framework moniker for the framework series.</param>
/// <param name="Asset">The asset group's path ("lib/netstandard2.0"); null when the version has no group for the framework.</param>
/// <param name="IsPlaceholder">The selected group is an empty placeholder (<c>_._</c>): the package brings no assembly there.</param>
/// <param name="ObsoleteMessage">The [Obsolete] message when the status is obsolete.</param>
internal sealed record VersionAvailability(string Version, ApiStatus Status, string? Asset, bool IsPlaceholder = false, string? ObsoleteMessage = null);
