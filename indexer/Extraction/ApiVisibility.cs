using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

/// <summary>How far outside its assembly a type or member can be used.</summary>
internal enum Reach : byte
{
    /// <summary>Not usable from another assembly: private, internal, private protected, or unreachable protected.</summary>
    None,
    /// <summary>Usable only from a derived type (protected, protected internal, or nested in such a type).</summary>
    Protected,
    Public,
}

/// <summary>
/// The visibility rules of the extracted surface. Public, protected and protected internal count;
/// internal, private and private protected do not; a member is no more visible than its declaring type.
/// Protected members and nested types of a sealed type are unreachable (nothing outside can derive from it),
/// as Refasmer and ApiCompat treat them; Roslyn still lists them, but any use from another assembly is an
/// error (CS0122/CS1540; overload resolution drops them, CS1501). The base member they override stays recorded.
/// Types without a visible constructor are not treated as sealed: a public derived type in the same assembly
/// can still hand their protected members to outside subclasses.
/// </summary>
internal static class ApiVisibility
{
    // MethodAttributes and FieldAttributes share these access values (ECMA-335 II.23.1.10 / II.23.1.5).
    private const int AccessMask = 0x7;
    private const int Family = 4;
    private const int FamilyOrAssembly = 5;
    private const int Public = 6;

    public static Reach OfMember(int accessFlags, TypeDefinition declaringType, Reach declaringReach)
    {
        if (declaringReach == Reach.None) return Reach.None;
        return (accessFlags & AccessMask) switch
        {
            Public => declaringReach,
            Family or FamilyOrAssembly => declaringType.IsSealed ? Reach.None : Reach.Protected,
            _ => Reach.None,
        };
    }

    public static Reach OfMethod(MethodDefinition method, TypeDefinition declaringType, Reach declaringReach) =>
        OfMember((int)method.Attributes, declaringType, declaringReach);

    public static Reach OfField(FieldDefinition field, TypeDefinition declaringType, Reach declaringReach) =>
        OfMember((int)field.Attributes, declaringType, declaringReach);

    /// <summary>The reach of a type given its declaring type's reach (null for a top-level type).</summary>
    public static Reach OfType(TypeDefinition type, Reach? declaringReach)
    {
        if (declaringReach is null) return type.IsPublic ? Reach.Public : Reach.None;
        if (declaringReach == Reach.None) return Reach.None;
        if (type.IsNestedPublic) return declaringReach.Value;
        if (type.IsNestedFamily || type.IsNestedFamilyOrAssembly) return type.DeclaringType.IsSealed ? Reach.None : Reach.Protected;
        return Reach.None;
    }

    /// <summary>The reach of a type definition computed through its whole declaring chain.</summary>
    public static Reach OfTypeChain(TypeDefinition type) =>
        type.DeclaringType is { } outer ? OfType(type, OfTypeChain(outer)) : OfType(type, null);

    /// <summary>
    /// An explicit interface implementation (private, with a .override; virtual, or static for a static abstract
    /// interface member) is callable through the interface
    /// when that interface is visible. Interfaces of other assemblies are visible by construction (a class cannot
    /// implement another assembly's internal interface without InternalsVisibleTo, which consumers never have).
    /// </summary>
    public static bool IsExplicitImplementation(MethodDefinition method, out MethodReference? implemented)
    {
        implemented = null;
        if (!method.IsPrivate || !(method.IsVirtual || method.IsStatic) || !method.HasOverrides) return false;
        implemented = method.Overrides[0];
        return true;
    }

    public static bool IsInterfaceVisible(TypeReference interfaceType)
    {
        var element = interfaceType is GenericInstanceType instance ? instance.ElementType : interfaceType;
        return element is not TypeDefinition definition || OfTypeChain(definition) != Reach.None;
    }
}
