using ApiTruth.Checker.Input;

namespace ApiTruth.Cli.Hooks;

/// <summary>The git pre-commit hook: checks the staged C# and Markdown files, as the index holds them, before each commit.</summary>
internal static class GitHook
{
    private const string Marker = "# apitruth pre-commit hook";

    public static string Install(string root, string command, bool force)
    {
        var hook = HookPath(root);
        if (File.Exists(hook))
        {
            var existing = File.ReadAllText(hook);
            if (!existing.Contains(Marker, StringComparison.Ordinal))
            {
                if (!force) throw new InputException($"{hook}: a pre-commit hook that apitruth did not write is there; use --force to replace it (it is kept as pre-commit.apitruth-backup)");
                File.Copy(hook, hook + ".apitruth-backup", overwrite: true);
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(hook)!);
        File.WriteAllText(hook, Script(command));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(hook, File.GetUnixFileMode(hook) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        return $"{hook}: installed" + (File.Exists(hook + ".apitruth-backup") ? $" (the previous hook is in {hook}.apitruth-backup)" : "");
    }

    public static string Uninstall(string root)
    {
        var hook = HookPath(root);
        if (!File.Exists(hook) || !File.ReadAllText(hook).Contains(Marker, StringComparison.Ordinal))
            return "the git hook is not installed";
        File.Delete(hook);
        if (File.Exists(hook + ".apitruth-backup"))
        {
            File.Move(hook + ".apitruth-backup", hook);
            return $"{hook}: the previous hook is back";
        }
        return $"{hook}: removed";
    }

    private static string HookPath(string root)
    {
        var git = Path.Combine(root, ".git");
        if (!Directory.Exists(git)) throw new InputException($"{root}: not the top of a git repository (no .git folder)");
        return Path.Combine(git, "hooks", "pre-commit");
    }

    // --staged checks the index's content (what the commit will hold), not the working tree's unstaged edits.
    internal static string Script(string command) => $"""
        #!/bin/sh
        {Marker} (apitruth hook uninstall --git removes it)
        cd "$(git rev-parse --show-toplevel)" || exit 1
        exec {command} check --project . --staged
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
