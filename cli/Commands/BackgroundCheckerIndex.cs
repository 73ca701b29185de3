using ApiTruth.Checker.Findings;
using ApiTruth.Checker.Input;
using ApiTruth.Checker.Knowledge;
using ApiTruth.History.Index;
using ApiTruth.Indexer.Storage;

namespace ApiTruth.Cli.Commands;

/// <summary>
/// The index, opened on another core while the checker parses and binds: SQLite's first open and the packages'
/// name lists cost a cold process tens of milliseconds that binding does not need. Questions wait for the open.
/// </summary>
internal sealed class BackgroundCheckerIndex : ICheckerIndex
{
    private readonly Task<ICheckerIndex> _opened;

    public BackgroundCheckerIndex(string path) => _opened = Task.Run(() => Open(path));

    /// <summary>Waits for the open, so that an index that cannot be read is reported even when no finding asked it anything.</summary>
    public Task EnsureOpenAsync() => _opened;

    public async Task<ApiPresence?> GetMemberPresenceAsync(string packageId, string typeDocId, string memberName, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).GetMemberPresenceAsync(packageId, typeDocId, memberName, ct);

    public async Task<IReadOnlyList<ApiPresence>> FindTypeAsync(string simpleName, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).FindTypeAsync(simpleName, ct);

    public async Task<IReadOnlyList<ApiPresence>> FindExtensionMethodAsync(string name, CancellationToken ct) =>
        await (await _opened.WaitAsync(ct)).FindExtensionMethodAsync(name, ct);

    private static ICheckerIndex Open(string path)
    {
        IndexView view;
        try
        {
            view = new IndexView(new IndexReader(path));
        }
        catch (InvalidDataException e)
        {
            throw new InputException(e.Message);
        }
        // Type and extension-method questions test every package's name list first: read them now, off the critical path.
        foreach (var package in view.Packages) view.DefinesName(package, "");
        return new IndexKnowledge(view);
    }
}
