using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace ApiTruth.Checker.Binding;

/// <summary>
/// A metadata reference over a reference assembly mapped read-only into memory. Roslyn's
/// <see cref="MetadataReference.CreateFromFile(string, MetadataReferenceProperties, DocumentationProvider?)"/> reads
/// every image whole into a managed array (so as not to lock the file): for a framework's 160-odd reference assemblies
/// that is tens of megabytes allocated, zeroed, copied and collected in a check that reads a small part of them. A
/// mapping reads only the pages binding touches, shares them with every other process through the page cache, and does
/// not keep the file open. The mapping lives as long as the process, as the reference cache that holds it does;
/// reference assemblies in the package folders and packs are never rewritten in place.
/// </summary>
internal static class MappedReference
{
    private const int ProtRead = 1;
    private const int MapPrivate = 2;

    public static MetadataReference Create(string path)
    {
        if (OperatingSystem.IsWindows()) return MetadataReference.CreateFromFile(path);
        nint image;
        long length;
        using (var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
        {
            length = RandomAccess.GetLength(file);
            // Empty or huge: Roslyn's own reader says what is wrong with it.
            if (length is 0 or > int.MaxValue) return MetadataReference.CreateFromFile(path);
            image = mmap(0, (nuint)length, ProtRead, MapPrivate, (int)file.DangerousGetHandle(), 0);
        }
        if (image == -1) return MetadataReference.CreateFromFile(path);
        var module = ModuleMetadata.CreateFromImage(image, (int)length);
        if (IsSingleModuleAssembly(module)) return AssemblyMetadata.Create(module).GetReference(filePath: path);
        // A file that is not a managed image, or an assembly with more modules beside it: Roslyn's own reader reports the
        // first as the compiler does (CS0009) and finds the modules of the second next to the file.
        munmap(image, (nuint)length);
        return MetadataReference.CreateFromFile(path);
    }

    private static bool IsSingleModuleAssembly(ModuleMetadata module)
    {
        try
        {
            return module.GetModuleNames().IsEmpty;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "munmap", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern int munmap(nint address, nuint length);

    [DllImport("libc", EntryPoint = "mmap", ExactSpelling = true, CallingConvention = CallingConvention.Cdecl)]
    private static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);
}
