using ApiTruth.Indexer.Feeds;
using NuGet.Versioning;

namespace ApiTruth.Tests.Feeds;

/// <summary>
/// Local folder feeds made by the tests, with their own global packages folder, so damaged packages never reach
/// the user's folder.
/// </summary>
public sealed class LocalFeedTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public LocalFeedTests()
    {
        Directory.CreateDirectory(Feed);
        TestFeeds.WriteNuGetConfig(_temp.Path, PackagesFolder, new Dictionary<string, string> { ["local"] = Feed });
    }

    private string Feed => _temp.Combine("feed");

    private string PackagesFolder => _temp.Combine("packages");

    public void Dispose() => _temp.Dispose();

    // The packages folder is also passed explicitly: NUGET_PACKAGES, when set, would override the config file.
    private PackageFeed OpenFeed() => PackageFeed.FromConfiguration(_temp.Path, packagesFolder: PackagesFolder);

    [Fact]
    public async Task A_package_from_a_local_feed_installs_like_one_from_the_network()
    {
        var nupkg = _temp.Combine("build", "good.package.1.0.0.nupkg");
        TestFeeds.WriteNupkg(nupkg, "Good.Package", "1.0.0", new Dictionary<string, string> { ["lib/netstandard2.0/_._"] = "" });
        TestFeeds.AddToV3Feed(Feed, "Good.Package", "1.0.0", File.ReadAllBytes(nupkg), TestFeeds.Nuspec("Good.Package", "1.0.0"));
        using var feed = OpenFeed();

        Assert.Equal([NuGetVersion.Parse("1.0.0")], await feed.ListVersionsAsync("Good.Package", CancellationToken.None));
        var package = await feed.EnsurePackageAsync("Good.Package", NuGetVersion.Parse("1.0.0"), CancellationToken.None);

        Assert.Equal("Good.Package", package.Id);
        Assert.True(File.Exists(Path.Combine(package.Directory, ".nupkg.metadata")));
        Assert.True(File.Exists(Path.Combine(package.Directory, "lib", "netstandard2.0", "_._")));
        Assert.Equal(1, feed.DownloadCount);
    }

    [Fact]
    public async Task Offline_only_installed_packages_are_served_and_nothing_is_downloaded()
    {
        var nupkg = _temp.Combine("build", "good.package.1.0.0.nupkg");
        TestFeeds.WriteNupkg(nupkg, "Good.Package", "1.0.0", new Dictionary<string, string> { ["lib/netstandard2.0/_._"] = "" });
        TestFeeds.AddToV3Feed(Feed, "Good.Package", "1.0.0", File.ReadAllBytes(nupkg), TestFeeds.Nuspec("Good.Package", "1.0.0"));
        TestFeeds.WriteNupkg(_temp.Combine("build", "good.package.2.0.0.nupkg"), "Good.Package", "2.0.0", new Dictionary<string, string> { ["lib/netstandard2.0/_._"] = "" });
        TestFeeds.AddToV3Feed(Feed, "Good.Package", "2.0.0", File.ReadAllBytes(_temp.Combine("build", "good.package.2.0.0.nupkg")), TestFeeds.Nuspec("Good.Package", "2.0.0"));

        using var offline = PackageFeed.FromConfiguration(_temp.Path, packagesFolder: PackagesFolder, offline: true);
        Assert.Empty(await offline.ListVersionsAsync("Good.Package", CancellationToken.None));
        var refused = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => offline.EnsurePackageAsync("Good.Package", NuGetVersion.Parse("1.0.0"), CancellationToken.None));
        Assert.Equal(UnavailableReason.Offline, refused.Reason);
        Assert.Equal(0, offline.DownloadCount);
        Assert.False(Directory.Exists(Path.Combine(PackagesFolder, "good.package")));

        // Installed online, the same version is then served offline; the feed's other version is not.
        using (var online = OpenFeed())
            await online.EnsurePackageAsync("Good.Package", NuGetVersion.Parse("1.0.0"), CancellationToken.None);
        using var later = PackageFeed.FromConfiguration(_temp.Path, packagesFolder: PackagesFolder, offline: true);
        Assert.Equal([NuGetVersion.Parse("1.0.0")], await later.ListVersionsAsync("Good.Package", CancellationToken.None));
        var package = await later.EnsurePackageAsync("Good.Package", NuGetVersion.Parse("1.0.0"), CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(package.Directory, "lib", "netstandard2.0", "_._")));
        Assert.Equal(0, later.DownloadCount);
    }

    [Fact]
    public async Task A_nupkg_that_is_not_a_zip_is_Corrupt_and_leaves_no_half_install()
    {
        var garbage = "this is not a zip archive"u8.ToArray();
        TestFeeds.AddToV3Feed(Feed, "Broken.Zip", "1.0.0", garbage, TestFeeds.Nuspec("Broken.Zip", "1.0.0"));
        using var feed = OpenFeed();

        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => feed.EnsurePackageAsync("Broken.Zip", NuGetVersion.Parse("1.0.0"), CancellationToken.None));

        Assert.Equal(UnavailableReason.Corrupt, error.Reason);
        Assert.Equal("Broken.Zip", error.PackageId);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(Path.Combine(PackagesFolder, "broken.zip")));
        Assert.Equal(0, feed.DownloadCount);
    }

    [Fact]
    public async Task A_nupkg_with_a_malformed_nuspec_in_a_flat_feed_is_Corrupt()
    {
        // The flat (v2) layout: NuGet opens every nupkg of the id to learn its version, so the damage shows up then.
        TestFeeds.WriteNupkg(Path.Combine(Feed, "bad.nuspec.1.0.0.nupkg"), "Bad.Nuspec", "1.0.0", new Dictionary<string, string>());
        using (var zip = System.IO.Compression.ZipFile.Open(Path.Combine(Feed, "bad.nuspec.1.0.0.nupkg"), System.IO.Compression.ZipArchiveMode.Update))
        {
            zip.GetEntry("Bad.Nuspec.nuspec")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("Bad.Nuspec.nuspec").Open());
            writer.Write("<package><metadata><id>Bad.Nuspec</id><version>1.0.0</vers");
        }

        using var feed = OpenFeed();

        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => feed.EnsurePackageAsync("Bad.Nuspec", NuGetVersion.Parse("1.0.0"), CancellationToken.None));

        Assert.Equal(UnavailableReason.Corrupt, error.Reason);
    }

    [Fact]
    public async Task An_installed_nupkg_that_no_longer_matches_its_hash_is_Corrupt()
    {
        var nupkg = _temp.Combine("build", "tampered.package.2.0.0.nupkg");
        TestFeeds.WriteNupkg(nupkg, "Tampered.Package", "2.0.0", new Dictionary<string, string> { ["lib/net8.0/_._"] = "" });
        TestFeeds.AddToV3Feed(Feed, "Tampered.Package", "2.0.0", File.ReadAllBytes(nupkg), TestFeeds.Nuspec("Tampered.Package", "2.0.0"));
        var version = NuGetVersion.Parse("2.0.0");
        using (var feed = OpenFeed())
        {
            await feed.EnsurePackageAsync("Tampered.Package", version, CancellationToken.None);
        }

        File.AppendAllText(Path.Combine(PackagesFolder, "tampered.package", "2.0.0", "tampered.package.2.0.0.nupkg"), "tampered");
        using var later = OpenFeed();

        var error = await Assert.ThrowsAsync<PackageUnavailableException>(
            () => later.EnsurePackageAsync("Tampered.Package", version, CancellationToken.None));

        Assert.Equal(UnavailableReason.Corrupt, error.Reason);
        Assert.Contains("does not match the hash", error.Message);
    }
}
