using System.Diagnostics;
using ApiTruth.Checker.Input;

namespace ApiTruth.Checker.Project;

/// <summary>Which files changed since a git revision (committed, staged, unstaged, and new untracked files).</summary>
internal static class GitChanges
{
    /// <exception cref="InputException">Not a git repository, or an unknown revision.</exception>
    public static async Task<IReadOnlySet<string>> SinceAsync(string folder, string revision, CancellationToken ct)
    {
        var top = (await GitAsync(folder, ["rev-parse", "--show-toplevel"], ct)).Trim();
        var changed = await GitAsync(folder, ["diff", "--name-only", "--no-renames", "--diff-filter=d", revision, "--"], ct);
        var untracked = await GitAsync(folder, ["ls-files", "--others", "--exclude-standard"], ct);
        return changed.Split('\n').Concat(untracked.Split('\n'))
            .Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => Path.GetFullPath(Path.Combine(top, l)))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<string> GitAsync(string folder, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InputException("cannot start git");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InputException($"--changed-since: git {args[0]} failed: {(await stderr).Split('\n')[0].Trim()}");
        return await stdout;
    }
}
