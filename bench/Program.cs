namespace ApiTruth.Bench;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        await Task.Yield();
        Console.Error.WriteLine("bench: no benchmarks yet");
        return 2;
    }
}
