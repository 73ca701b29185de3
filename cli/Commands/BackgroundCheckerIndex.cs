using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Knowledge;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// The index, opened on another core while the checker parses and binds: SQLite's first open and the packages'
/// name lists cost a cold process tens of milliseconds that binding does not need. Questions wait for the open.
/// </summary>
internal sealed class BackgroundCheckerIndex : ICheckerIndex
{
    private readonly Task<ICheckerIndex> _opened;

    public BackgroundCheckerIndex(Func<ICheckerIndex> open) => _opened = Task.Run(open);

    /// <summary>Waits for the open, so that an index that cannot be read is reported even when no finding asked it anything.</summary>
    public Task EnsureOpenAsync() => _opened;

    public async Task<KnowledgeScope> PrepareAsync(KnowledgeNeeds needs, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).PrepareAsync(needs, ct);

    public async Task<ApiPresence?> GetMemberPresenceAsync(string packageId, string typeDocId, string memberName, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).GetMemberPresenceAsync(packageId, typeDocId, memberName, ct);

    public async Task<IReadOnlyList<ApiPresence>> FindTypeAsync(string simpleName, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).FindTypeAsync(simpleName, ct);

    public async Task<IReadOnlyList<ApiPresence>> FindExtensionMethodAsync(string name, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).FindExtensionMethodAsync(name, ct);
}
