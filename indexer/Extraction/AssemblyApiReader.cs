using System.Text;
using ApiTruth.Indexer.Model;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Reads the public and protected surface of one assembly (its own types and the types it forwards) into
/// <see cref="ApiRecord"/>s. A type or member that cannot be read becomes a problem; the rest is still read.
/// </summary>
/// <remarks>Not thread-safe: one instance per worker, over modules opened by that worker's resolver.</remarks>
internal sealed partial class AssemblyApiReader
{
    private readonly string _assemblyPath;
    private readonly GroupAssemblyResolver _resolver;
    private readonly List<ApiRecord> _apis;
    private readonly List<ExtractionProblem> _problems;
    private readonly DocIdWriter _ids;
    private readonly CSharpDisplay _display;
    private readonly MetadataShortcuts _metadata;
    private readonly CancellationToken _cancellation;

    public AssemblyApiReader(string assemblyPath, GroupAssemblyResolver resolver, DocIdWriter ids, CSharpDisplay display,
        List<ApiRecord> apis, List<ExtractionProblem> problems, CancellationToken cancellation)
    {
        _assemblyPath = assemblyPath;
        _resolver = resolver;
        _ids = ids;
        _display = display;
        _metadata = new MetadataShortcuts(resolver);
        _apis = apis;
        _problems = problems;
        _cancellation = cancellation;
    }

    /// <summary>What is known about the type whose members are being read.</summary>
    private sealed class TypeScope
    {
        public required TypeDefinition Type { get; init; }
        public required Reach Reach { get; init; }
        public required string DocName { get; init; }
        public required string DocId { get; init; }
        public required string Path { get; init; }
        public required bool Forwarded { get; init; }
        public string? DefaultMemberName { get; init; }
        public Dictionary<string, ExtensionReceiver>? ExtensionImplementations { get; set; }
    }

    public void ReadAssembly(AssemblyDefinition assembly)
    {
        ReadModule(assembly.MainModule);
        // Multi-module assemblies (rare outside C++/CLI) keep further modules in files next to the main one.
        Guard("the assembly's other modules", () =>
        {
            foreach (var module in assembly.Modules)
            {
                if (!ReferenceEquals(module, assembly.MainModule)) ReadModule(module);
            }
        });
    }

    private void ReadModule(ModuleDefinition module) => Guard($"module {module.Name}", () =>
    {
        foreach (var type in module.Types) ReadTypeTree(type, null, forwarded: false);
        if (module.HasExportedTypes) ReadForwarders(module);
    });

    private void ReadForwarders(ModuleDefinition module)
    {
        // Failures are grouped by cause: a facade forwarding to a missing assembly fails for every type it forwards.
        var unresolved = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var exported in module.ExportedTypes)
        {
            // Nested forwarded types are read with their outer type.
            if (!exported.IsForwarder || exported.DeclaringType is not null) continue;
            _cancellation.ThrowIfCancellationRequested();
            var failure = ReadForwarder(exported);
            if (failure is null) continue;
            if (!unresolved.TryGetValue(failure, out var names)) unresolved[failure] = names = [];
            names.Add(exported.FullName);
        }
        foreach (var (failure, names) in unresolved)
        {
            var examples = string.Join(", ", names.Take(3)) + (names.Count > 3 ? ", …" : "");
            _problems.Add(new ExtractionProblem(_assemblyPath,
                $"{names.Count} type forwarder{(names.Count == 1 ? "" : "s")} cannot be followed ({examples}): {failure}",
                ExtractionProblemKind.UnresolvedForwarder));
        }
    }

    /// <returns>Null when the forwarded type was read (or is defined by the group anyway), else why not.</returns>
    private string? ReadForwarder(ExportedType exported)
    {
        // Forwarded into one of the group's own assemblies (a facade next to its implementation, as in a
        // reference pack): that assembly's own records already say the type is available in the group.
        if (exported.Scope is AssemblyNameReference targetAssembly && _resolver.IsGroupAssembly(targetAssembly)) return null;
        TypeDefinition? target;
        try
        {
            target = exported.Resolve();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
        if (target is null)
        {
            var scope = exported.Scope as AssemblyNameReference;
            return scope is not null && _resolver.Resolve(scope) is null
                ? $"assembly {scope.Name} was not found among the resolution paths"
                : $"the type is not in {exported.Scope?.Name}";
        }
        // Forwarded on, through another facade, into one of the group's own assemblies.
        if (_resolver.IsGroupAssembly(target.Module.Assembly)) return null;
        ReadTypeTree(target, null, forwarded: true);
        return null;
    }

    private void ReadTypeTree(TypeDefinition type, TypeScope? declaring, bool forwarded)
    {
        _cancellation.ThrowIfCancellationRequested();
        var reach = ApiVisibility.OfType(type, declaring?.Reach);
        if (reach == Reach.None || TypeNames.IsUnspeakable(type.Name)) return;

        TypeScope? scope = null;
        Guard(type.FullName, () =>
        {
            var facts = _metadata.Read(type);
            scope = new TypeScope
            {
                Type = type,
                Reach = reach,
                DocName = _ids.DeclarationName(type),
                DocId = _ids.TypeId(type),
                Path = _display.TypePath(type),
                Forwarded = forwarded,
                DefaultMemberName = facts.DefaultMemberName,
            };
            var blocks = type.IsAbstract && type.IsSealed && type.NestedTypes.Count > 0 ? ReadExtensionBlocks(scope) : null;
            _apis.Add(TypeRecord(scope, facts, declaring));
            ReadMembers(scope);
            if (blocks is not null)
            {
                foreach (var block in blocks) ReadExtensionSkeletons(scope, block);
            }
        });
        if (scope is null || type.NestedTypes.Count == 0) return;
        foreach (var nested in type.NestedTypes) ReadTypeTree(nested, scope, forwarded);
    }

    private void ReadMembers(TypeScope scope)
    {
        var type = scope.Type;
        if (type.HasMethods)
        {
            var callableAccessors = CallableAccessors(scope);
            foreach (var method in type.Methods)
            {
                // Accessors are read through their property or event.
                if (method.SemanticsAttributes != MethodSemanticsAttributes.None && callableAccessors?.Contains(method) != true) continue;
                Guard($"{type.FullName}::{method.Name}", () => ReadMethod(scope, method));
            }
        }
        if (type.HasProperties)
        {
            foreach (var property in type.Properties) Guard($"{type.FullName}::{property.Name}", () => ReadProperty(scope, property));
        }
        if (type.HasEvents)
        {
            foreach (var @event in type.Events) Guard($"{type.FullName}::{@event.Name}", () => ReadEvent(scope, @event));
        }
        if (type.HasFields)
        {
            foreach (var field in type.Fields) Guard($"{type.FullName}::{field.Name}", () => ReadField(scope, field));
        }
    }

    /// <summary>
    /// Accessors C# calls by name: those of a property with parameters that is not the type's indexer (its name is not
    /// the [DefaultMember]), such as VB's named indexed properties or explicitly implemented indexers. The compiler
    /// treats these as plain methods (<c>x.get_Foo(1)</c>), so they are API as methods as well as the property.
    /// </summary>
    private HashSet<MethodDefinition>? CallableAccessors(TypeScope scope)
    {
        if (!scope.Type.HasProperties) return null;
        HashSet<MethodDefinition>? accessors = null;
        foreach (var property in scope.Type.Properties)
        {
            if (property.Name == scope.DefaultMemberName || _metadata.PropertyParameterCount(property) == 0) continue;
            accessors ??= new HashSet<MethodDefinition>(ReferenceEqualityComparer.Instance);
            var (getter, setter) = _metadata.AccessorsOf(property);
            if (getter is not null) accessors.Add(getter);
            if (setter is not null) accessors.Add(setter);
        }
        return accessors;
    }

    private void Guard(string what, Action read)
    {
        try
        {
            read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _problems.Add(new ExtractionProblem(_assemblyPath, $"{what}: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    private ApiRecord TypeRecord(TypeScope scope, AttributeFacts facts, TypeScope? declaring)
    {
        var type = scope.Type;
        var kind = KindOf(type);
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview | ApiFlags.RefLike);
        if (scope.Reach == Reach.Protected) flags |= ApiFlags.Protected;
        if (type.IsNested) flags |= ApiFlags.Nested;
        if (scope.Forwarded) flags |= ApiFlags.Forwarded;
        if (kind == ApiKind.Class)
        {
            if (type.IsAbstract && type.IsSealed) flags |= ApiFlags.Static;
            else if (type.IsAbstract) flags |= ApiFlags.Abstract;
            else if (type.IsSealed) flags |= ApiFlags.Sealed;
        }
        if (kind == ApiKind.Struct && facts.IsReadOnly) flags |= ApiFlags.ReadOnly;
        if (IsRecord(type, kind)) flags |= ApiFlags.Record;

        var arity = TypeNames.OwnArity(type);
        IReadOnlyList<ApiParameter>? parameters = null;
        string? returnType = null;
        var display = new StringBuilder(64);
        if (kind == ApiKind.Delegate && type.Methods.FirstOrDefault(m => m.Name == "Invoke") is { } invoke)
        {
            var signature = ReadParameters(invoke.Parameters, isExtension: false);
            parameters = signature.Parameters;
            returnType = _ids.TypeForm(invoke.ReturnType);
            display.Append("delegate ");
            AppendReturnTypeDisplay(display, invoke);
            display.Append(' ');
            AppendTypeDeclarationPath(display, type);
            display.Append(signature.Display);
        }
        else
        {
            display.Append(TypeKeywords(type, kind, flags));
            AppendTypeDeclarationPath(display, type);
        }

        string? baseType = null;
        if (kind == ApiKind.Class && type.BaseType is { } baseReference) baseType = "T:" + _ids.TypeForm(baseReference);
        List<string>? interfaces = null;
        if (type.Interfaces.Count > 0)
        {
            foreach (var implementation in type.Interfaces)
            {
                if (!ApiVisibility.IsInterfaceVisible(implementation.InterfaceType)) continue;
                (interfaces ??= []).Add("T:" + _ids.TypeForm(implementation.InterfaceType));
            }
        }

        return new ApiRecord(
            scope.DocId, kind, flags, display.ToString(),
            DeclaringType: declaring?.DocId,
            ReturnType: returnType,
            Parameters: parameters,
            GenericArity: arity,
            GenericConstraints: GenericConstraintText.For(type.GenericParameters, type.GenericParameters.Count - arity, type, _display, _metadata),
            BaseType: baseType,
            Interfaces: interfaces,
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId);
    }

    private static ApiKind KindOf(TypeDefinition type)
    {
        if (type.IsInterface) return ApiKind.Interface;
        if (type.IsEnum) return ApiKind.Enum;
        if (type.IsValueType) return ApiKind.Struct;
        if (type.BaseType is { Name: "MulticastDelegate", Namespace: "System" }) return ApiKind.Delegate;
        return ApiKind.Class;
    }

    // A record class has the compiler's <Clone>$ method; a record struct has none, but its synthesized
    // PrintMembers(StringBuilder) is [CompilerGenerated], which a hand-written one is not.
    private bool IsRecord(TypeDefinition type, ApiKind kind)
    {
        if (!type.HasMethods) return false;
        foreach (var method in type.Methods)
        {
            if (kind == ApiKind.Class && method.Name == "<Clone>$") return true;
            if (kind == ApiKind.Struct && method.Name == "PrintMembers" && method.Parameters.Count == 1
                && method.Parameters[0].ParameterType is { Name: "StringBuilder", Namespace: "System.Text" }
                && _metadata.Read(method).IsCompilerGenerated)
            {
                return true;
            }
        }
        return false;
    }

    private static string TypeKeywords(TypeDefinition type, ApiKind kind, ApiFlags flags) => kind switch
    {
        ApiKind.Interface => "interface ",
        ApiKind.Enum => "enum ",
        ApiKind.Struct => (flags.HasFlag(ApiFlags.ReadOnly) ? "readonly " : "") + (flags.HasFlag(ApiFlags.RefLike) ? "ref " : "")
            + (flags.HasFlag(ApiFlags.Record) ? "record struct " : "struct "),
        _ => (flags.HasFlag(ApiFlags.Static) ? "static " : flags.HasFlag(ApiFlags.Abstract) ? "abstract " : flags.HasFlag(ApiFlags.Sealed) ? "sealed " : "")
            + (flags.HasFlag(ApiFlags.Record) ? "record " : "class "),
    };

    // The declaring path, then the type's own name with variance (interface IEnumerable<out T>).
    private void AppendTypeDeclarationPath(StringBuilder b, TypeDefinition type)
    {
        if (type.DeclaringType is { } outer) b.Append(_display.TypePath(outer)).Append('.');
        CSharpDisplay.AppendDefinitionName(b, type, withVariance: true);
    }

    private void AppendReturnTypeDisplay(StringBuilder b, MethodDefinition method)
    {
        var returnType = method.ReturnType;
        while (returnType is RequiredModifierType or OptionalModifierType) returnType = ((TypeSpecification)returnType).ElementType;
        if (returnType is ByReferenceType)
            b.Append(_metadata.Read(method.MethodReturnType).IsReadOnly ? "ref readonly " : "ref ");
        _display.AppendType(b, returnType);
    }
}
