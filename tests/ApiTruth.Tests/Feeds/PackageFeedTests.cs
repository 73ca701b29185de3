using System.Diagnostics;
using System.Security.Cryptography;
using ApiTruth.Indexer.Feeds;
using NuGet.Versioning;

namespace ApiTruth.Tests.Feeds;

/// <summary>The real feed of the user's NuGet configuration (only some versions are served: see nuget.tsv).</summary>
public sealed class PackageFeedTests : IDisposable
{
    private readonly PackageFeed _feed = PackageFeed.FromConfiguration();

    public void Dispose() => _feed.Dispose();

    [Fact]
    public async Task ListVersions_gives_served_versions_in_NuGet_order()
    {
        var versions = await _feed.ListVersionsAsync("Newtonsoft.Json", CancellationToken.None);

        Assert.Contains(NuGetVersion.Parse("9.0.1"), versions);
        Assert.Contains(NuGetVersion.Parse("13.0.3"), versions);
        Assert.DoesNotContain(NuGetVersion.Parse("10.0.3"), versions);

        // NuGet order, not string order: the prerelease comes before its release, 9 before 11.
        var beta = versions.ToList().IndexOf(NuGetVersion.Parse("12.0.3-beta1"));
        var release = versions.ToList().IndexOf(NuGetVersion.Parse("12.0.3"));
        Assert.True(beta >= 0 && beta < release, $"12.0.3-beta1 at {beta}, 12.0.3 at {release}");
        Assert.True(versions.ToList().IndexOf(NuGetVersion.Parse("9.0.1")) < versions.ToList().IndexOf(NuGetVersion.Parse("11.0.1")));
        for (var i = 1; i < versions.Count; i++)
        {
            Assert.True(versions[i - 1] < versions[i], $"{versions[i - 1]} before {versions[i]}");
        }
    }

    [Fact]
    public async Task ListVersions_of_an_unknown_package_is_empty()
    {
        var versions = await _feed.ListVersionsAsync("ApiTruth.Tests.NoSuchPackage.E3B0C442", CancellationToken.None);

        Assert.Empty(versions);
    }

    [Fact]
    public async Task An_invalid_package_id_is_rejected_with_a_clear_message()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _feed.ListVersionsAsync("../etc/passwd", CancellationToken.None));

        Assert.Contains("not a valid NuGet package id", error.Message);
    }

    [Fact]
    public async Task An_unserved_version_is_NotServed_without_touching_the_packages_folder()
    {
        var version = NuGetVersion.Parse("10.0.3");

        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => _feed.EnsurePackageAsync("Newtonsoft.Json", version, CancellationToken.None));

        Assert.Equal(UnavailableReason.NotServed, error.Reason);
        Assert.Equal("Newtonsoft.Json", error.PackageId);
        Assert.Equal(version, error.Version);
        Assert.Contains("not served", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_feed.GlobalPackagesFolder, "newtonsoft.json", "10.0.3")));
        Assert.Equal(0, _feed.DownloadCount);
    }

    [Fact]
    public async Task A_package_nobody_serves_is_NotServed()
    {
        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => _feed.EnsurePackageAsync("ApiTruth.Tests.NoSuchPackage.E3B0C442", NuGetVersion.Parse("1.0.0"), CancellationToken.None));

        Assert.Equal(UnavailableReason.NotServed, error.Reason);
    }

    [Fact]
    public async Task EnsurePackage_installs_in_restore_layout_once_and_then_uses_the_installed_copy()
    {
        using var temp = new TempDirectory();
        var packagesFolder = temp.Combine("packages");
        TestFeeds.WriteNuGetConfig(temp.Path, packagesFolder);
        var version = NuGetVersion.Parse("13.0.3");

        using (var feed = PackageFeed.FromConfiguration(temp.Path, packagesFolder: packagesFolder))
        {
            Assert.Equal(packagesFolder, feed.GlobalPackagesFolder);

            var package = await feed.EnsurePackageAsync("Newtonsoft.Json", version, CancellationToken.None);

            var expectedDirectory = Path.Combine(packagesFolder, "newtonsoft.json", "13.0.3");
            Assert.Equal(expectedDirectory, package.Directory);
            Assert.Equal("Newtonsoft.Json", package.Id);
            Assert.Equal(version, package.Version);
            foreach (var file in new[]
            {
                ".nupkg.metadata", "newtonsoft.json.13.0.3.nupkg", "newtonsoft.json.13.0.3.nupkg.sha512",
                "newtonsoft.json.nuspec", "lib/net6.0/Newtonsoft.Json.dll", "lib/netstandard2.0/Newtonsoft.Json.dll",
            })
            {
                Assert.True(File.Exists(Path.Combine(expectedDirectory, file)), $"{file} missing");
            }

            // The recorded hash is the SHA-512 of the nupkg, as restore writes it.
            var nupkg = await File.ReadAllBytesAsync(Path.Combine(expectedDirectory, "newtonsoft.json.13.0.3.nupkg"));
            Assert.Equal(
                Convert.ToBase64String(SHA512.HashData(nupkg)),
                (await File.ReadAllTextAsync(Path.Combine(expectedDirectory, "newtonsoft.json.13.0.3.nupkg.sha512"))).Trim());
            Assert.Equal(1, feed.DownloadCount);

            var again = await feed.EnsurePackageAsync("newtonsoft.json", version, CancellationToken.None);
            Assert.Equal(package, again);
            Assert.Equal(1, feed.DownloadCount);
        }

        // A later process finds it installed: with no package source at all it still works, so no network is used.
        using var offline = new TempDirectory();
        TestFeeds.WriteNuGetConfig(offline.Path, packagesFolder, new Dictionary<string, string>());
        using var offlineFeed = PackageFeed.FromConfiguration(offline.Path, packagesFolder: packagesFolder);
        Assert.Empty(offlineFeed.SourceNames);
        var installed = await offlineFeed.EnsurePackageAsync("Newtonsoft.Json", version, CancellationToken.None);
        Assert.Equal(Path.Combine(packagesFolder, "newtonsoft.json", "13.0.3"), installed.Directory);
        Assert.Equal(0, offlineFeed.DownloadCount);
    }

    [Fact]
    public void The_packages_folder_and_sources_come_from_the_NuGet_configuration()
    {
        using var temp = new TempDirectory();
        TestFeeds.WriteNuGetConfig(
            temp.Path,
            temp.Combine("configured-packages"),
            new Dictionary<string, string> { ["first"] = temp.Combine("a"), ["second"] = temp.Combine("b") });

        using var feed = PackageFeed.FromConfiguration(temp.Path);

        Assert.Equal(["first", "second"], feed.SourceNames);

        // NUGET_PACKAGES, when set, wins over the file, exactly as for restore.
        var expected = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } fromEnvironment
            ? Path.TrimEndingDirectorySeparator(Path.GetFullPath(fromEnvironment))
            : temp.Combine("configured-packages");
        Assert.Equal(expected, feed.GlobalPackagesFolder);
    }

    [Fact]
    public async Task An_unreachable_source_fails_with_Network_after_retrying()
    {
        using var temp = new TempDirectory();

        // Port 9 (discard) on the loopback address: nothing listens, the connection is refused at once.
        TestFeeds.WriteNuGetConfig(
            temp.Path,
            temp.Combine("packages"),
            new Dictionary<string, string> { ["unreachable"] = "http://127.0.0.1:9/v3/index.json" });
        using var feed = PackageFeed.FromConfiguration(temp.Path, new FeedRetryPolicy(2, TimeSpan.FromMilliseconds(10)), temp.Combine("packages"));

        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => feed.ListVersionsAsync("Newtonsoft.Json", CancellationToken.None));

        Assert.Equal(UnavailableReason.Network, error.Reason);
        Assert.Contains("after 2 attempt(s)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
