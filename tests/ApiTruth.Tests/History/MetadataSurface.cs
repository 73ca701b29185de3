using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ApiTruth.Tests.History;

/// <summary>
/// An independent reading of an assembly with System.Reflection.Metadata (not Cecil, not the index): the names of
/// the public types and of their public or protected methods and properties, as "Ns.Type.Member" and "Ns.Type".
/// </summary>
internal static class MetadataSurface
{
    public static HashSet<string> Read(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (!IsVisible(reader, type)) continue;
            var typeName = FullName(reader, type);
            names.Add(typeName);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (IsCallable(method.Attributes)) names.Add($"{typeName}.{reader.GetString(method.Name)}");
            }
            foreach (var propertyHandle in type.GetProperties())
            {
                var property = reader.GetPropertyDefinition(propertyHandle);
                var accessors = property.GetAccessors();
                var getter = accessors.Getter.IsNil ? default(MethodAttributes?) : reader.GetMethodDefinition(accessors.Getter).Attributes;
                var setter = accessors.Setter.IsNil ? default(MethodAttributes?) : reader.GetMethodDefinition(accessors.Setter).Attributes;
                if ((getter is { } g && IsCallable(g)) || (setter is { } s && IsCallable(s)))
                    names.Add($"{typeName}.{reader.GetString(property.Name)}");
            }
        }
        return names;
    }

    private static bool IsCallable(MethodAttributes attributes)
    {
        var access = attributes & MethodAttributes.MemberAccessMask;
        return access is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinition type)
    {
        var visibility = type.Attributes & TypeAttributes.VisibilityMask;
        if (visibility == TypeAttributes.Public) return true;
        if (visibility is not (TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem)) return false;
        return IsVisible(reader, reader.GetTypeDefinition(type.GetDeclaringType()));
    }

    private static string FullName(MetadataReader reader, TypeDefinition type)
    {
        var name = reader.GetString(type.Name);
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        if (type.GetDeclaringType() is { IsNil: false } declaring)
            return $"{FullName(reader, reader.GetTypeDefinition(declaring))}.{name}";
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }
}
