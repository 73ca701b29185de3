using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Binding;

/// <summary>Finds the compile-time assemblies for a framework and a set of pins (downloading what is absent).</summary>
internal interface IReferenceResolver
{
    /// <exception cref="InputException">A package or version that does not exist or is not served.</exception>
    Task<ResolvedReferences> ResolveAsync(string framework, IReadOnlyList<PackagePin> pins, bool aspNetCore, CancellationToken ct);
}
