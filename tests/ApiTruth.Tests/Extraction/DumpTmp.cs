using ApiTruth.Indexer.Extraction;
namespace ApiTruth.Tests.Extraction;
[Collection(PackageFilesCollection.Name)]
public sealed class DumpTmp(PackageFiles packages)
{
    [Fact]
    public void Dump()
    {
        var dll = EdgeCaseAssembly.Emit(packages);
        var r = new ApiExtractor().Extract([dll], [packages.Net8RefPack]);
        using var w = new StreamWriter("/tmp/dump.txt");
        foreach (var a in r.Apis) w.WriteLine($"{a.DocId}\n    {a.Kind} [{a.Flags}] {a.Display}\n    decl={a.DeclaringType} ret={a.ReturnType} ar={a.GenericArity} cons={a.GenericConstraints} ext={a.ExtendedType} base={a.BaseType} if=[{string.Join(",", a.InterfaceList)}] obs={a.ObsoleteMessage}/{a.ObsoleteDiagnosticId}\n    params={string.Join(" | ", a.ParameterList)}");
        foreach (var p in r.Problems) w.WriteLine("PROBLEM " + p);
    }
}
