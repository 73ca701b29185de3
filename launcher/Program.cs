namespace ApiTruth.Launcher;

/// <summary>
/// The published <c>apitruth</c>: a native executable that answers the one-shot index queries itself and hands every
/// other command line, unchanged, to the full CLI.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) =>
        IndexQueries.TryAnswer(args, Console.Out) ?? FullCli.Exec(args, Console.Error);
}
