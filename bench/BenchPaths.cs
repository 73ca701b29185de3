namespace ApiTruth.Bench;

/// <summary>Scratch files of one bench run, under artifacts/bench.</summary>
internal sealed class BenchPaths
{
    public BenchPaths(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string File(string name) => Path.Combine(Root, name);

    public static void DeleteIndex(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (System.IO.File.Exists(path + suffix)) System.IO.File.Delete(path + suffix);
    }
}
