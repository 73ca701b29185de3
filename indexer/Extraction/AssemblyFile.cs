using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>An assembly file could not be read; the message is one line for the problem list.</summary>
internal sealed class AssemblyFileException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One assembly open for reading: Cecil's model and the raw metadata over the same bytes.</summary>
internal sealed record OpenedAssembly(AssemblyDefinition Assembly, PEReader PortableExecutable);

/// <summary>Opens one assembly for reading its metadata: checked, in memory, no symbols, lazily.</summary>
internal static class AssemblyFile
{
    /// <exception cref="AssemblyFileException">Not a PE file, a native image, or metadata Cecil cannot read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static OpenedAssembly Read(string path, IAssemblyResolver resolver)
    {
        var bytes = File.ReadAllBytes(path);
        // Wraps the array without copying it; nothing writes to it afterwards.
        var peReader = new PEReader(ImmutableCollectionsMarshal.AsImmutableArray(bytes));
        try
        {
            // Native DLLs (and other files named .dll) make Cecil throw from deep inside; say what the file is instead.
            try
            {
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
            AssemblyDefinition assembly;
            try
            {
                // A seekable in-memory stream: no file lock, and PDBs are never looked for.
                assembly = AssemblyDefinition.ReadAssembly(new MemoryStream(bytes, writable: false), parameters);
                // Cecil reads tables lazily; touching the metadata reader now turns a corrupt table stream into a problem here.
                System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(peReader);
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or AssemblyFileException))
            {
                throw new AssemblyFileException("unreadable .NET metadata: " + ex.GetType().Name + ": " + ex.Message, ex);
            }
            return new OpenedAssembly(assembly, peReader);
        }
        catch
        {
            peReader.Dispose();
            throw;
        }
    }
}
