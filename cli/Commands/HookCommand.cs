using System.CommandLine;
using System.Diagnostics;
using ApiTruth.Checker.Input;
using ApiTruth.Cli.Hooks;

namespace ApiTruth.Cli.Commands;

/// <summary><c>apitruth hook install|uninstall [--msbuild] [--git]</c>: run the check before every build or commit.</summary>
internal static class HookCommand
{
    internal static Command Create()
    {
        var hook = new Command("hook", "Install or remove the pre-build (MSBuild) and pre-commit (git) checks");
        hook.Subcommands.Add(Verb("install", install: true));
        hook.Subcommands.Add(Verb("uninstall", install: false));
        return hook;
    }

    private static Command Verb(string name, bool install)
    {
        var msbuild = new Option<bool>("--msbuild") { Description = "The MSBuild hook in Directory.Build.targets (the default)" };
        var git = new Option<bool>("--git") { Description = "The git pre-commit hook" };
        var root = new Option<string?>("--root") { Description = "The repository folder (default: the git top level, else the current folder)" };
        var force = new Option<bool>("--force") { Description = "Replace a pre-commit hook that apitruth did not write (a backup is kept)" };
        var command = new Option<string?>("--command") { Description = "How the hooks run apitruth (default: this apitruth)" };
        var verb = new Command(name, install ? "Install the hooks" : "Remove the hooks");
        verb.Options.Add(msbuild);
        verb.Options.Add(git);
        verb.Options.Add(root);
        if (install)
        {
            verb.Options.Add(force);
            verb.Options.Add(command);
        }
        verb.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var folder = Path.GetFullPath(parse.GetValue(root) ?? await GitTopLevelAsync(ct) ?? Environment.CurrentDirectory);
                if (!Directory.Exists(folder)) throw new InputException($"{folder}: no such folder");
                bool useGit = parse.GetValue(git);
                bool useMsBuild = parse.GetValue(msbuild) || !useGit;
                var run = parse.GetValue(command) ?? SelfCommand();
                if (useMsBuild) await output.WriteLineAsync(install ? MsBuildHook.Install(folder, run) : MsBuildHook.Uninstall(folder));
                if (useGit) await output.WriteLineAsync(install ? GitHook.Install(folder, run, parse.GetValue(force)) : GitHook.Uninstall(folder));
                return 0;
            }
            catch (Exception e) when (e is InputException or IOException or UnauthorizedAccessException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"apitruth: {e.Message}");
                return ExitCodes.Usage;
            }
        });
        return verb;
    }

    // This very apitruth: its app host, or `dotnet apitruth.dll` when run through the muxer.
    private static string SelfCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        var assembly = Path.Combine(AppContext.BaseDirectory, typeof(HookCommand).Assembly.GetName().Name + ".dll");
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? $"\"{process}\" \"{assembly}\""
            : $"\"{process}\"";
    }

    private static async Task<string?> GitTopLevelAsync(CancellationToken ct)
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse --show-toplevel") { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(psi);
            if (process is null) return null;
            var text = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return process.ExitCode == 0 ? text.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git: the current folder is the root
        }
    }
}
