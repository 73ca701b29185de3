using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ApiTruth.Checker.Binding;

/// <summary>A public (or protected) type as the name catalog knows it.</summary>
/// <param name="Namespace">Its namespace (of the outermost type, for nested types).</param>
/// <param name="Name">Simple name without the arity suffix.</param>
/// <param name="FullName">Namespace-qualified C#-like name, nested types joined with '.'.</param>
/// <param name="Arity">Generic parameter count of this type itself.</param>
/// <param name="IsNested">Declared inside another type (not importable by a namespace using).</param>
internal sealed record CatalogType(string Namespace, string Name, string FullName, int Arity, bool IsNested);

/// <summary>A public (or protected) member as the name catalog knows it.</summary>
/// <param name="DeclaringType">Full name of the declaring type.</param>
/// <param name="Namespace">Namespace of the declaring type (what a using must import for an extension method).</param>
/// <param name="DeclaringTypeIsInterface">Declared by an interface (an object with this member is of a library type, not the snippet's own).</param>
/// <param name="DeclaringMetadataName">The declaring type's metadata name (<c>Ns.Outer+Inner`1</c>), to find its symbol.</param>
internal sealed record CatalogMember(string Name, string DeclaringType, string Namespace, bool IsMethod, bool IsExtension,
    bool DeclaringTypeIsInterface, string DeclaringMetadataName);

/// <summary>The names one assembly makes visible to other assemblies, read with System.Reflection.Metadata (no symbols built).</summary>
internal sealed class AssemblyNames
{
    public IReadOnlyList<CatalogType> Types { get; }

    public IReadOnlyList<CatalogMember> Members { get; }

    private AssemblyNames(IReadOnlyList<CatalogType> types, IReadOnlyList<CatalogMember> members)
    {
        Types = types;
        Members = members;
    }

    /// <summary>Reads the visible types and, when <paramref name="withMembers"/>, their visible members.</summary>
    public static AssemblyNames Read(string path, bool withMembers = true)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return new AssemblyNames([], []);
        var md = pe.GetMetadataReader();
        var types = new List<CatalogType>();
        var members = new List<CatalogMember>();
        foreach (var handle in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(handle);
            if (!IsVisible(md, type)) continue;
            var (ns, fullName) = Names(md, type);
            var metadataName = MetadataName(md, type);
            var name = StripArity(md.GetString(type.Name));
            if (name.StartsWith('<')) continue;
            int arity = type.GetGenericParameters().Count - (type.IsNested ? md.GetTypeDefinition(type.GetDeclaringType()).GetGenericParameters().Count : 0);
            types.Add(new CatalogType(ns, name, fullName, Math.Max(arity, 0), type.IsNested));
            if (!withMembers) continue;
            bool typeHasExtensions = HasExtensionAttribute(md, type.GetCustomAttributes());
            bool isInterface = (type.Attributes & TypeAttributes.Interface) != 0;
            foreach (var mh in type.GetMethods())
            {
                var method = md.GetMethodDefinition(mh);
                if (!IsVisible(method.Attributes)) continue;
                var methodName = md.GetString(method.Name);
                if (methodName.StartsWith('.') || methodName.Contains('<')) continue;
                // Accessors are listed under their property or event; operators keep their op_ names.
                if ((method.Attributes & MethodAttributes.SpecialName) != 0 && !methodName.StartsWith("op_", StringComparison.Ordinal)) continue;
                bool isExtension = typeHasExtensions && (method.Attributes & MethodAttributes.Static) != 0
                    && HasExtensionAttribute(md, method.GetCustomAttributes());
                members.Add(new CatalogMember(StripArity(methodName), fullName, ns, IsMethod: true, isExtension, isInterface, metadataName));
            }
            foreach (var ph in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(ph);
                var accessors = property.GetAccessors();
                var accessor = !accessors.Getter.IsNil ? accessors.Getter : accessors.Setter;
                if (accessor.IsNil) continue;
                var accessorDef = md.GetMethodDefinition(accessor);
                bool visible = IsVisible(accessorDef.Attributes)
                    || (!accessors.Setter.IsNil && IsVisible(md.GetMethodDefinition(accessors.Setter).Attributes));
                if (!visible) continue;
                var propertyName = md.GetString(property.Name);
                if (propertyName.Contains('.')) continue; // explicit interface implementation
                members.Add(new CatalogMember(propertyName, fullName, ns, IsMethod: false, IsExtension: false, isInterface, metadataName));
            }
            foreach (var fh in type.GetFields())
            {
                var field = md.GetFieldDefinition(fh);
                var access = field.Attributes & FieldAttributes.FieldAccessMask;
                if (access is not (FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem)) continue;
                if ((field.Attributes & FieldAttributes.SpecialName) != 0) continue; // value__
                members.Add(new CatalogMember(md.GetString(field.Name), fullName, ns, IsMethod: false, IsExtension: false, isInterface, metadataName));
            }
            foreach (var eh in type.GetEvents())
            {
                var ev = md.GetEventDefinition(eh);
                var adder = ev.GetAccessors().Adder;
                if (adder.IsNil || !IsVisible(md.GetMethodDefinition(adder).Attributes)) continue;
                var eventName = md.GetString(ev.Name);
                if (eventName.Contains('.')) continue;
                members.Add(new CatalogMember(eventName, fullName, ns, IsMethod: false, IsExtension: false, isInterface, metadataName));
            }
        }
        return new AssemblyNames(types, members);
    }

    /// <summary>
    /// The parameter names of every visible method named <paramref name="methodName"/> (extension methods without
    /// their <c>this</c> parameter). Read on demand: few checks need it.
    /// </summary>
    public static IReadOnlyList<ImmutableArray<string>> MethodParameterNames(string path, string methodName)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return [];
        var md = pe.GetMetadataReader();
        var result = new List<ImmutableArray<string>>();
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (!md.StringComparer.Equals(method.Name, methodName) && !md.StringComparer.StartsWith(method.Name, methodName + "`")) continue;
            if (!IsVisible(method.Attributes) || !IsVisible(md, md.GetTypeDefinition(method.GetDeclaringType()))) continue;
            bool isExtension = (method.Attributes & MethodAttributes.Static) != 0 && HasExtensionAttribute(md, method.GetCustomAttributes());
            result.Add(ParameterNames(md, method, skipFirst: isExtension));
        }
        return result;
    }

    private static ImmutableArray<string> ParameterNames(MetadataReader md, MethodDefinition method, bool skipFirst)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        foreach (var ph in method.GetParameters())
        {
            var p = md.GetParameter(ph);
            if (p.SequenceNumber == 0) continue; // the return value
            if (skipFirst && p.SequenceNumber == 1) continue;
            names.Add(md.GetString(p.Name));
        }
        return names.ToImmutable();
    }

    private static bool IsVisible(MethodAttributes attributes) =>
        (attributes & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

    private static bool IsVisible(MetadataReader md, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (!type.IsNested) return visibility == TypeAttributes.Public;
        if (visibility is not (TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)) return false;
        return IsVisible(md, md.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static (string Namespace, string FullName) Names(MetadataReader md, TypeDefinition type)
    {
        var name = StripArity(md.GetString(type.Name));
        if (!type.IsNested)
        {
            var ns = md.GetString(type.Namespace);
            return (ns, ns.Length == 0 ? name : ns + "." + name);
        }
        var (outerNs, outerName) = Names(md, md.GetTypeDefinition(type.GetDeclaringType()));
        return (outerNs, outerName + "." + name);
    }

    private static string MetadataName(MetadataReader md, TypeDefinition type)
    {
        var name = md.GetString(type.Name);
        if (type.IsNested) return MetadataName(md, md.GetTypeDefinition(type.GetDeclaringType())) + "+" + name;
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick >= 0 ? name[..tick] : name;
    }

    private static bool HasExtensionAttribute(MetadataReader md, CustomAttributeHandleCollection attributes)
    {
        foreach (var ah in attributes)
        {
            var attribute = md.GetCustomAttribute(ah);
            StringHandle name, ns;
            if (attribute.Constructor.Kind == HandleKind.MemberReference)
            {
                var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (ctor.Parent.Kind != HandleKind.TypeReference) continue;
                var tr = md.GetTypeReference((TypeReferenceHandle)ctor.Parent);
                (name, ns) = (tr.Name, tr.Namespace);
            }
            else if (attribute.Constructor.Kind == HandleKind.MethodDefinition)
            {
                var td = md.GetTypeDefinition(md.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType());
                (name, ns) = (td.Name, td.Namespace);
            }
            else
            {
                continue;
            }
            if (md.StringComparer.Equals(name, "ExtensionAttribute") && md.StringComparer.Equals(ns, "System.Runtime.CompilerServices"))
                return true;
        }
        return false;
    }
}
