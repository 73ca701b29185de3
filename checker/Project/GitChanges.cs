using System.Diagnostics;
using System.Text;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Project;

/// <summary>What is about to be committed: the staged files and the text the index holds for them.</summary>
/// <param name="Staged">Full paths of the files added, copied, modified or renamed in the index (deleted ones have nothing to check).</param>
/// <param name="IndexTexts">The index's text of every C# or Markdown file whose index version differs from HEAD or from the working tree, by full path.</param>
internal sealed record StagedSnapshot(IReadOnlySet<string> Staged, IReadOnlyDictionary<string, string> IndexTexts);

/// <summary>Which files changed since a git revision (committed, staged, unstaged, and new untracked files), or are staged.</summary>
internal static class GitChanges
{
    /// <exception cref="InputException">Not a git repository, or an unknown revision.</exception>
    public static async Task<IReadOnlySet<string>> SinceAsync(string folder, string revision, CancellationToken ct)
    {
        var top = (await GitAsync(folder, "--changed-since", ["rev-parse", "--show-toplevel"], ct)).Trim();
        var changed = await GitAsync(folder, "--changed-since", ["diff", "--name-only", "--no-renames", "--diff-filter=d", revision, "--"], ct);
        var untracked = await GitAsync(folder, "--changed-since", ["ls-files", "--others", "--exclude-standard"], ct);
        return Paths(top, changed + "\n" + untracked).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The staged files, and the index's text for them and for files with unstaged edits, so that a pre-commit check
    /// sees exactly what the commit will hold, not the working tree.
    /// </summary>
    /// <exception cref="InputException">Not a git repository.</exception>
    public static async Task<StagedSnapshot> StagedAsync(string folder, CancellationToken ct)
    {
        var top = (await GitAsync(folder, "--staged", ["rev-parse", "--show-toplevel"], ct)).Trim();
        var staged = Paths(top, await GitAsync(top, "--staged", ["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], ct), '\0').ToList();
        var unstaged = Paths(top, await GitAsync(top, "--staged", ["diff", "--name-only", "--diff-filter=M", "-z"], ct), '\0');
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in staged.Concat(unstaged).Distinct(StringComparer.Ordinal).Where(IsChecked))
        {
            var relative = Path.GetRelativePath(top, path).Replace(Path.DirectorySeparatorChar, '/');
            texts[path] = await GitAsync(top, "--staged", ["show", ":" + relative], ct);
        }
        return new StagedSnapshot(staged.ToHashSet(StringComparer.Ordinal), texts);
    }

    private static bool IsChecked(string path) => path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) || InputReader.IsMarkdown(path);

    private static IEnumerable<string> Paths(string top, string listing, char separator = '\n') =>
        listing.Split(separator).Select(l => l.Trim('\n', '\r')).Where(l => l.Length > 0)
            .Select(l => Path.GetFullPath(Path.Combine(top, l)));

    private static async Task<string> GitAsync(string folder, string option, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        // Paths as they are (no octal quoting of non-ASCII names).
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("core.quotePath=false");
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InputException($"{option}: cannot start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InputException($"{option}: cannot start git ({e.Message})");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InputException($"{option}: git {args[0]} failed: {(await stderr).Split('\n')[0].Trim()}");
            return await stdout;
        }
    }
}
