namespace ApiTruth.Tests.Storage;

/// <summary>A fresh index file in a temporary folder, deleted with the folder.</summary>
internal sealed class TempIndex : IDisposable
{
    public TempIndex()
    {
        Folder = Path.Combine(Path.GetTempPath(), "apitruth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "index.db");
    }

    public string Folder { get; }

    public string FilePath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A reader still open elsewhere in the test run keeps the file; the temp folder is cleaned by the OS.
        }
    }
}
