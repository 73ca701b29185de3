using System.Collections;
using System.Runtime.InteropServices;

namespace ApiTruth.Cli.HandOff;

/// <summary>
/// Replaces this process with the full CLI (execve): same arguments, same streams, its exit code is the command's. What
/// the front already read from stdin is put back: a memory file holding those bytes becomes the new process's stdin.
/// </summary>
internal static class FullCliProcess
{
    /// <summary>Returns only when the exec failed, with the exit code to end with.</summary>
    /// <exception cref="InvalidOperationException">This process is the full CLI: there is nothing to hand off to.</exception>
    public static int Exec(IReadOnlyList<string> args, byte[]? stdin, TextWriter error)
    {
        var path = FullCliHandOff.Target ?? throw new InvalidOperationException("this is the full CLI: nothing to hand a command line to");
        Console.Out.Flush();
        error.Flush();
        if (stdin is not null && !RestoreStdin(stdin, error)) return ExitCodes.InternalError;
        var argv = new nint[args.Count + 2];
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => (string)e.Key != FullCliHandOff.EnvironmentVariable)
            .Select(e => $"{e.Key}={e.Value}")
            .ToList();
        var envp = new nint[environment.Count + 1];
        try
        {
            argv[0] = Marshal.StringToCoTaskMemUTF8(path);
            for (var i = 0; i < args.Count; i++) argv[i + 1] = Marshal.StringToCoTaskMemUTF8(args[i]);
            for (var i = 0; i < environment.Count; i++) envp[i] = Marshal.StringToCoTaskMemUTF8(environment[i]);
            execve(argv[0], argv, envp);
            error.WriteLine($"apitruth: cannot start the full CLI {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())} (re-run 'make publish').");
            return ExitCodes.InternalError;
        }
        finally
        {
            foreach (var pointer in argv) Marshal.FreeCoTaskMem(pointer);
            foreach (var pointer in envp) Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static bool RestoreStdin(byte[] bytes, TextWriter error)
    {
        var fd = memfd_create("apitruth-stdin", 0);
        var ok = fd >= 0;
        for (var written = 0; ok && written < bytes.Length;)
        {
            var n = write(fd, ref bytes[written], bytes.Length - written);
            ok = n > 0;
            written += (int)Math.Max(n, 0);
        }
        ok = ok && lseek(fd, 0, 0) == 0 && dup2(fd, 0) == 0;
        if (!ok) error.WriteLine($"apitruth: cannot hand standard input to the full CLI: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}.");
        if (fd > 0) close(fd);
        return ok;
    }

    [DllImport("libc", EntryPoint = "execve", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int execve(nint path, [In] nint[] argv, [In] nint[] envp);

    [DllImport("libc", EntryPoint = "memfd_create", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int memfd_create([MarshalAs(UnmanagedType.LPUTF8Str)] string name, uint flags);

    [DllImport("libc", EntryPoint = "write", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern nint write(int fd, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "lseek", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern long lseek(int fd, long offset, int whence);

    [DllImport("libc", EntryPoint = "dup2", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", EntryPoint = "close", ExactSpelling = true, SetLastError = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int close(int fd);
}
