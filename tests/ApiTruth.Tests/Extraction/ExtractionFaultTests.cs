using ApiTruth.Indexer.Extraction;

namespace ApiTruth.Tests.Extraction;

/// <summary>Bad input becomes a problem with a clear message; the rest of the group is still read.</summary>
[Collection(PackageFilesCollection.Name)]
public sealed class ExtractionFaultTests(PackageFiles packages)
{
    private static string TempFolder() => Directory.CreateTempSubdirectory("apitruth-faults-").FullName;

    [Fact]
    public void A_text_file_named_dll_is_a_problem_and_the_group_goes_on()
    {
        var folder = TempFolder();
        var fake = Path.Combine(folder, "Fake.dll");
        File.WriteAllText(fake, "this is not an assembly");
        var linq = Path.Combine(packages.Net8RefPack, "System.Linq.dll");

        var result = new ApiExtractor().Extract([fake, linq], [packages.Net8RefPack]);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(fake, problem.AssemblyPath);
        Assert.StartsWith("not a .NET assembly: not a valid PE file", problem.Message);
        Assert.Contains(result.Apis, a => a.DocId == "T:System.Linq.Enumerable");
    }

    [Fact]
    public void A_native_library_named_dll_is_a_problem()
    {
        // A real native image of the running .NET (ELF here): exactly what runtimes/*/native folders hold.
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var native = Directory.EnumerateFiles(runtimeFolder).First(f => Path.GetFileName(f).StartsWith("libSystem.Native", StringComparison.Ordinal)
            || Path.GetFileName(f).Equals("System.Native.dll", StringComparison.OrdinalIgnoreCase));
        var renamed = Path.Combine(TempFolder(), "System.Native.dll");
        File.Copy(native, renamed);

        var result = new ApiExtractor().Extract([renamed], []);

        Assert.Empty(result.Apis);
        Assert.StartsWith("not a .NET assembly", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void A_PE_image_without_metadata_is_a_problem()
    {
        // A minimal valid PE header with no CLI header: a native Windows DLL as far as metadata is concerned.
        var path = Path.Combine(TempFolder(), "Native.dll");
        File.WriteAllBytes(path, MinimalNativePe());

        var result = new ApiExtractor().Extract([path], []);

        Assert.Empty(result.Apis);
        Assert.Equal("not a .NET assembly: the file has no CLI metadata (a native library?)", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void A_missing_file_is_a_problem()
    {
        var missing = Path.Combine(TempFolder(), "Missing.dll");

        var result = new ApiExtractor().Extract([missing], []);

        Assert.Empty(result.Apis);
        Assert.StartsWith("cannot read the file: ", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void A_corrupt_assembly_is_a_problem_not_an_exception()
    {
        // The real System.Linq.dll with its metadata cut short.
        var bytes = File.ReadAllBytes(Path.Combine(packages.Net8RefPack, "System.Linq.dll"));
        var path = Path.Combine(TempFolder(), "System.Linq.dll");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);

        var result = new ApiExtractor().Extract([path], [packages.Net8RefPack]);

        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.Equal(path, p.AssemblyPath));
    }

    [Fact]
    public void Cancellation_stops_extraction()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new ApiExtractor().Extract(packages.Net8RefPackAssemblies, [packages.Net8RefPack], cancelled.Token));
    }

    [Fact]
    public void An_empty_group_has_nothing()
    {
        var result = new ApiExtractor().Extract([], [packages.Net8RefPack]);
        Assert.Empty(result.Apis);
        Assert.Empty(result.Problems);
    }

    // DOS header + PE signature + COFF header + PE32 optional header (no data directories used) + no sections.
    private static byte[] MinimalNativePe()
    {
        var image = new byte[512];
        image[0] = (byte)'M';
        image[1] = (byte)'Z';
        BitConverter.GetBytes(0x80).CopyTo(image, 0x3C);
        "PE\0\0"u8.ToArray().CopyTo(image, 0x80);
        var coff = 0x84;
        BitConverter.GetBytes((ushort)0x14C).CopyTo(image, coff);          // i386
        BitConverter.GetBytes((ushort)0).CopyTo(image, coff + 2);          // no sections
        BitConverter.GetBytes((ushort)0xE0).CopyTo(image, coff + 16);      // optional header size
        BitConverter.GetBytes((ushort)0x2102).CopyTo(image, coff + 18);    // executable, 32-bit, DLL
        var optional = coff + 20;
        BitConverter.GetBytes((ushort)0x10B).CopyTo(image, optional);      // PE32
        BitConverter.GetBytes(0x10000000).CopyTo(image, optional + 28);    // image base
        BitConverter.GetBytes(0x1000).CopyTo(image, optional + 32);        // section alignment
        BitConverter.GetBytes(0x200).CopyTo(image, optional + 36);         // file alignment
        BitConverter.GetBytes((ushort)4).CopyTo(image, optional + 40);     // OS version
        BitConverter.GetBytes((ushort)4).CopyTo(image, optional + 48);     // subsystem version
        BitConverter.GetBytes(0x1000).CopyTo(image, optional + 56);        // size of image
        BitConverter.GetBytes(0x200).CopyTo(image, optional + 60);         // size of headers
        BitConverter.GetBytes((ushort)2).CopyTo(image, optional + 68);     // GUI subsystem
        BitConverter.GetBytes(16).CopyTo(image, optional + 92);            // number of data directories
        return image;
    }
}
