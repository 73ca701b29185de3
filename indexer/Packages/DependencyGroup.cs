using NuGet.Frameworks;

namespace ApiTruth.Indexer.Packages;

/// <summary>
/// A nuspec dependency group. A group without a target framework has <see cref="NuGetFramework.AnyFramework"/>.
/// </summary>
internal sealed record DependencyGroup(NuGetFramework Framework, IReadOnlyList<PackageDependencyInfo> Dependencies);
