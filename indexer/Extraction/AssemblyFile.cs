using System.Reflection.PortableExecutable;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>An assembly file could not be read; the message is one line for the problem list.</summary>
internal sealed class AssemblyFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Opens one assembly for reading its metadata: checked, in memory, no symbols, lazily.</summary>
internal static class AssemblyFile
{
    /// <exception cref="AssemblyFileException">Not a PE file, a native image, or metadata Cecil cannot read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AssemblyDefinition Read(string path, IAssemblyResolver resolver)
    {
        var bytes = File.ReadAllBytes(path);
        // Native DLLs (and other files named .dll) make Cecil throw from deep inside; say what the file is instead.
        try
        {
            using var peReader = new PEReader(new MemoryStream(bytes, writable: false));
            if (!peReader.HasMetadata) throw new AssemblyFileException("not a .NET assembly: the file has no CLI metadata (a native library?)");
        }
        catch (BadImageFormatException ex)
        {
            throw new AssemblyFileException("not a .NET assembly: not a valid PE file (" + ex.Message + ")", ex);
        }

        var parameters = new ReaderParameters(ReadingMode.Deferred)
        {
            AssemblyResolver = resolver,
            ReadSymbols = false,
        };
        try
        {
            // A seekable in-memory copy: no file lock, and PDBs are never looked for.
            return AssemblyDefinition.ReadAssembly(new MemoryStream(bytes, writable: false), parameters);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new AssemblyFileException("unreadable .NET metadata: " + ex.GetType().Name + ": " + ex.Message, ex);
        }
    }
}
