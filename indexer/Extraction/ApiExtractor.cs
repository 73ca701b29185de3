using ApiTruth.Indexer.Model;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Extracts the public and protected API surface of one asset group (the assemblies NuGet would reference
/// for one package version and target framework) with Mono.Cecil.
/// </summary>
/// <remarks>
/// <para>Identity is the compiler-flavoured doc ID (<see cref="DocIdWriter"/>), equal to Roslyn's
/// <c>ISymbol.GetDocumentationCommentId()</c> for the same symbol. What is included, and why:</para>
/// <list type="bullet">
/// <item>Public, protected and protected internal types and members, no more visible than their declaring type.
/// Not: internal, private, private protected, and protected members of sealed types (unreachable: nothing outside can derive).</item>
/// <item>Speakable compiler-synthesized members (record Equals/Deconstruct/op_Equality/copy constructor/EqualityContract);
/// not names with &lt; or &gt; (closures, state machines, backing fields, &lt;Clone&gt;$, fixed-buffer helper types).</item>
/// <item>Explicit interface implementations of visible interfaces, flagged <see cref="ApiFlags.ExplicitInterfaceImplementation"/>
/// (doc ID in the compiler's form, e.g. <c>M:Ns.C.System#IDisposable#Dispose</c>).</item>
/// <item>Not: enum <c>value__</c> fields, accessor methods (read through their property or event), static constructors,
/// and implicit parameterless constructors of value types (no metadata; Roslyn synthesizes them).</item>
/// <item>Classic extension methods: <see cref="ApiFlags.Extension"/> and <see cref="ApiRecord.ExtendedType"/>, the
/// receiver's open definition ID (<c>T:System.Collections.Generic.IEnumerable`1</c>) or, for a type parameter, array or
/// pointer receiver, its doc-ID type form (<c>``0</c>, <c>System.Int32[]</c>).</item>
/// <item>C# 14 extension blocks: both the implementation methods on the static class (classic IDs such as
/// <c>M:Ns.E.get_Count(System.String)</c>, Kind Method; Roslyn's <c>AssociatedExtensionImplementation</c> points here)
/// and the C#-view members with the compiler's IDs (<c>P:Ns.E.&lt;G&gt;$HASH.Count</c>, Kind Property; what Roslyn's
/// GetDocumentationCommentId() returns for the extension member itself). Both are flagged
/// <see cref="ApiFlags.ExtensionBlockMember"/> with <see cref="ApiRecord.ExtendedType"/>; the C#-view members name the
/// static class as <see cref="ApiRecord.DeclaringType"/>. The grouping and marker types are not records.</item>
/// <item>Type forwarders are followed through the group's resolver: the forwarded type and its whole surface count as
/// available in the group, flagged <see cref="ApiFlags.Forwarded"/> unless the group also defines them.</item>
/// </list>
/// <para>Assemblies are read in parallel, one Cecil module set per worker (modules are not thread-safe).</para>
/// </remarks>
internal sealed class ApiExtractor
{
    /// <param name="assemblies">The dlls of one asset group.</param>
    /// <param name="resolutionPaths">Directories or dll files to resolve references against (dependency packages'
    /// compile dlls, the TFM's reference pack). The group's own folder is searched first; nothing else is, never
    /// the running tool's framework.</param>
    public ExtractionResult Extract(IReadOnlyList<string> assemblies, IReadOnlyList<string> resolutionPaths, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(assemblies);
        ArgumentNullException.ThrowIfNull(resolutionPaths);
        ct.ThrowIfCancellationRequested();
        if (assemblies.Count == 0) return new ExtractionResult([], []);

        var index = AssemblyFileIndex.Build(assemblies, resolutionPaths);
        var outputs = new AssemblyOutput[assemblies.Count];
        // Largest first, so that the last assembly to finish is a small one.
        var order = Enumerable.Range(0, assemblies.Count).OrderByDescending(i => FileSize(assemblies[i])).ToArray();
        var next = -1;
        void Work()
        {
            using var resolver = new GroupAssemblyResolver(index);
            var ids = new DocIdWriter();
            var display = new CSharpDisplay();
            int i;
            while ((i = Interlocked.Increment(ref next)) < order.Length)
            {
                ct.ThrowIfCancellationRequested();
                var position = order[i];
                outputs[position] = ReadAssembly(assemblies[position], resolver, ids, display, ct);
            }
        }

        var workers = Math.Min(Environment.ProcessorCount, assemblies.Count);
        if (workers <= 1)
        {
            Work();
        }
        else
        {
            var tasks = new Task[workers];
            for (var w = 0; w < workers; w++) tasks[w] = Task.Factory.StartNew(Work, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                Task.WaitAll(tasks);
            }
            catch (AggregateException) when (ct.IsCancellationRequested)
            {
                ct.ThrowIfCancellationRequested();
            }
        }
        return Merge(outputs);
    }

    private sealed record AssemblyOutput(List<ApiRecord> Apis, List<ExtractionProblem> Problems);

    private static AssemblyOutput ReadAssembly(string path, GroupAssemblyResolver resolver, DocIdWriter ids, CSharpDisplay display, CancellationToken ct)
    {
        var output = new AssemblyOutput([], []);
        Mono.Cecil.AssemblyDefinition assembly;
        try
        {
            assembly = resolver.Open(path);
        }
        catch (AssemblyFileException ex)
        {
            output.Problems.Add(new ExtractionProblem(path, ex.Message));
            return output;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            output.Problems.Add(new ExtractionProblem(path, "cannot read the file: " + ex.Message));
            return output;
        }
        try
        {
            new AssemblyApiReader(path, resolver, ids, display, output.Apis, output.Problems, ct).ReadAssembly(assembly);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            output.Problems.Add(new ExtractionProblem(path, $"reading stopped early: {ex.GetType().Name}: {ex.Message}"));
        }
        return output;
    }

    // One record per doc ID. A type the group defines wins over the same type reached through a forwarder;
    // otherwise the first wins (modifier-only or function-pointer-only overloads share a doc ID by design).
    private static ExtractionResult Merge(AssemblyOutput[] outputs)
    {
        var apis = new List<ApiRecord>(outputs.Sum(o => o.Apis.Count));
        var problems = new List<ExtractionProblem>();
        var positions = new Dictionary<string, int>(apis.Capacity, StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            problems.AddRange(output.Problems);
            foreach (var api in output.Apis)
            {
                if (positions.TryGetValue(api.DocId, out var position))
                {
                    if (apis[position].Has(ApiFlags.Forwarded) && !api.Has(ApiFlags.Forwarded)) apis[position] = api;
                    continue;
                }
                positions.Add(api.DocId, apis.Count);
                apis.Add(api);
            }
        }
        return new ExtractionResult(apis, problems);
    }

    private static long FileSize(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return 0;
        }
    }
}
