namespace ApiTruth.Indexer.Packages;

/// <summary>Which top-level folder an asset group comes from.</summary>
internal enum AssetKind
{
    /// <summary><c>ref/&lt;tfm&gt;</c>: reference assemblies, the compile surface when present.</summary>
    Ref,

    /// <summary><c>lib/&lt;tfm&gt;</c> (or plain <c>lib/</c>): implementation assemblies, also compiled against when no ref/ group fits.</summary>
    Lib,
}
