using System.Runtime.InteropServices;

namespace ApiTruth.Launcher;

/// <summary>
/// The full CLI that the launcher hands a command line to: the self-contained <c>apitruth</c> that <c>make publish</c>
/// puts in the <c>full/</c> folder beside the launcher, or the executable <c>APITRUTH_FULL_CLI</c> names (for a layout
/// that puts the two apart). It replaces the launcher's process (execv), so it inherits stdin, stdout, stderr and
/// signals, and its exit code is the command's.
/// </summary>
internal static class FullCli
{
    public const string EnvironmentVariable = "APITRUTH_FULL_CLI";

    public static string Path =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(AppContext.BaseDirectory, "full", "apitruth");

    /// <summary>Replaces this process with the full CLI; returns only when that fails, with the exit code to end with.</summary>
    public static int Exec(IReadOnlyList<string> args, TextWriter error)
    {
        var path = Path;
        var argv = new nint[args.Count + 2];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(path);
            for (var i = 0; i < args.Count; i++) argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            execv(argv[0], argv);
            var errno = Marshal.GetLastPInvokeError();
            error.WriteLine($"apitruth: cannot start the full CLI {path}: {Marshal.GetPInvokeErrorMessage(errno)} (re-run 'make publish').");
            return 3;
        }
        finally
        {
            foreach (var pointer in argv) Marshal.FreeCoTaskMem(pointer);
        }
    }

    [DllImport("libc", EntryPoint = "execv", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int execv(nint path, [In] nint[] argv);
}
