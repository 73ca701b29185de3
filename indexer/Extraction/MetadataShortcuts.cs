using System.Reflection.Metadata.Ecma335;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// Answers the questions asked of every member from the metadata tables where it can, instead of Cecil's lazily
/// built object model (which takes its module lock on each first ask, and on every ask whose answer is "none").
/// Reads <see cref="AttributeFacts"/> for Cecil definitions. Attributes are recognised by namespace and name
/// without resolving anything, and arguments are read from the value blob, so an attribute whose enum argument
/// type lives in an assembly that cannot be found (where Cecil would leave <c>IsResolved == false</c> and the
/// arguments empty) is still read. For modules opened by <see cref="GroupAssemblyResolver"/> the attribute rows
/// come straight from the metadata tables (<see cref="ModuleMetadata"/>); otherwise from Cecil's collections.
/// </summary>
/// <remarks>Not thread-safe: one per worker.</remarks>
internal sealed class MetadataShortcuts(GroupAssemblyResolver resolver)
{
    private ModuleDefinition? _lastModule;
    private ModuleMetadata? _lastMetadata;

    /// <param name="withNullability">Also decode [Nullable]/[NullableContext] (only generic constraints need them).</param>
    public AttributeFacts Read(ICustomAttributeProvider provider, bool withNullability = false)
    {
        var facts = default(AttributeFacts);
        var metadata = MetadataOf(ModuleOf(provider));
        if (metadata is not null)
        {
            var token = provider.MetadataToken;
            if (token.RID == 0) return facts;
            var reader = metadata.Reader;
            foreach (var handle in reader.GetCustomAttributes(MetadataTokens.EntityHandle(token.ToInt32())))
            {
                var attribute = reader.GetCustomAttribute(handle);
                var constructor = metadata.ConstructorOf(attribute.Constructor);
                if (constructor.Kind == AttributeKind.Other) continue;
                var blob = AttributeKinds.NeedsArguments(constructor.Kind, withNullability) ? reader.GetBlobBytes(attribute.Value) : null;
                facts.Add(constructor.Kind, constructor.ParameterCount, constructor.FirstParameterIsArray, blob);
            }
            return facts;
        }

        var attributes = provider.CustomAttributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            var type = attribute.AttributeType;
            var kind = AttributeKinds.Of(type.Namespace, type.Name);
            if (kind == AttributeKind.Other) continue;
            var parameters = attribute.Constructor.Parameters;
            var blob = AttributeKinds.NeedsArguments(kind, withNullability) ? attribute.GetBlob() : null;
            facts.Add(kind, parameters.Count, parameters.Count > 0 && parameters[0].ParameterType is ArrayType, blob);
        }
        return facts;
    }

    /// <summary>The number of generic parameters a method declares, without making Cecil build them.</summary>
    public int GenericParameterCount(MethodDefinition method)
    {
        var metadata = MetadataOf(method.Module);
        return metadata is not null && method.MetadataToken.RID != 0
            ? metadata.MethodGenericParameterCount((int)method.MetadataToken.RID)
            : method.GenericParameters.Count;
    }

    /// <summary>The number of parameters of a property (an indexer's), without making Cecil read its accessors.</summary>
    public int PropertyParameterCount(PropertyDefinition property)
    {
        var metadata = MetadataOf(property.Module);
        return metadata is not null && property.MetadataToken.RID != 0
            ? metadata.PropertyParameterCount((int)property.MetadataToken.RID)
            : property.Parameters.Count;
    }

    /// <summary>A field's or parameter's default value (the Constant table), without Cecil's per-ask lock.</summary>
    public bool TryGetConstant(IConstantProvider provider, out object? value)
    {
        var metadata = MetadataOf(provider switch
        {
            FieldDefinition field => field.Module,
            ParameterDefinition parameter => (parameter.Method as MemberReference)?.Module,
            _ => null,
        });
        if (metadata is null)
        {
            value = provider.HasConstant ? provider.Constant : null;
            return provider.HasConstant;
        }
        return metadata.TryGetConstant(provider.MetadataToken, out value);
    }

    /// <summary>A property's accessors, from the MethodSemantics rows, as the declaring type's Cecil methods.</summary>
    public (MethodDefinition? Getter, MethodDefinition? Setter) AccessorsOf(PropertyDefinition property)
    {
        var metadata = MetadataOf(property.Module);
        if (metadata is null || property.MetadataToken.RID == 0) return (property.GetMethod, property.SetMethod);
        var (getter, setter) = metadata.PropertyAccessorRows((int)property.MetadataToken.RID);
        return (MethodAtRow(property.DeclaringType, getter), MethodAtRow(property.DeclaringType, setter));
    }

    /// <summary>An event's add and remove accessors, as <see cref="AccessorsOf(PropertyDefinition)"/>.</summary>
    public (MethodDefinition? Adder, MethodDefinition? Remover) AccessorsOf(EventDefinition @event)
    {
        var metadata = MetadataOf(@event.Module);
        if (metadata is null || @event.MetadataToken.RID == 0) return (@event.AddMethod, @event.RemoveMethod);
        var (adder, remover) = metadata.EventAccessorRows((int)@event.MetadataToken.RID);
        return (MethodAtRow(@event.DeclaringType, adder), MethodAtRow(@event.DeclaringType, remover));
    }

    // A type's methods are a contiguous run of MethodDef rows, in order.
    private static MethodDefinition? MethodAtRow(TypeDefinition type, int row)
    {
        if (row == 0) return null;
        var methods = type.Methods;
        if (methods.Count == 0) return null;
        var index = row - (int)methods[0].MetadataToken.RID;
        if (index >= 0 && index < methods.Count && methods[index].MetadataToken.RID == row) return methods[index];
        foreach (var method in methods)
        {
            if (method.MetadataToken.RID == row) return method;
        }
        return null;
    }

    private ModuleMetadata? MetadataOf(ModuleDefinition? module)
    {
        if (module is null) return null;
        if (!ReferenceEquals(module, _lastModule))
        {
            _lastModule = module;
            _lastMetadata = resolver.MetadataOf(module);
        }
        return _lastMetadata;
    }

    private static ModuleDefinition? ModuleOf(ICustomAttributeProvider provider) => provider switch
    {
        MemberReference member => member.Module,
        ParameterDefinition parameter => (parameter.Method as MemberReference)?.Module,
        MethodReturnType returnType => (returnType.Method as MemberReference)?.Module,
        _ => null,
    };
}
