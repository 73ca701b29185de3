using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace ApiTruth.Indexer.Extraction;

/// <summary>
/// The System.Reflection.Metadata view of a module Cecil has open, for the questions asked of every member:
/// which custom attributes it has and how many generic parameters a method declares. Cecil answers these by
/// building objects under its module lock on each first ask; the metadata tables answer them directly.
/// Cecil objects carry their metadata token, which addresses the same rows.
/// </summary>
/// <remarks>Not thread-safe (the constructor cache): one per module, and modules belong to one worker.</remarks>
internal sealed class ModuleMetadata
{
    /// <summary>What an attribute constructor says about its attribute, decoded once per constructor.</summary>
    internal readonly record struct Constructor(AttributeKind Kind, int ParameterCount, bool FirstParameterIsArray);

    private readonly Dictionary<EntityHandle, Constructor> _constructors = [];

    public ModuleMetadata(MetadataReader reader) => Reader = reader;

    public MetadataReader Reader { get; }

    public int MethodGenericParameterCount(int methodRowNumber) =>
        Reader.GetMethodDefinition(MetadataTokens.MethodDefinitionHandle(methodRowNumber)).GetGenericParameters().Count;

    public int PropertyParameterCount(int propertyRowNumber)
    {
        var property = Reader.GetPropertyDefinition(MetadataTokens.PropertyDefinitionHandle(propertyRowNumber));
        var signature = Reader.GetBlobReader(property.Signature);
        signature.ReadSignatureHeader();
        return signature.ReadCompressedInteger();
    }

    public (int Getter, int Setter) PropertyAccessorRows(int propertyRowNumber)
    {
        var accessors = Reader.GetPropertyDefinition(MetadataTokens.PropertyDefinitionHandle(propertyRowNumber)).GetAccessors();
        return (RowOf(accessors.Getter), RowOf(accessors.Setter));
    }

    public (int Adder, int Remover) EventAccessorRows(int eventRowNumber)
    {
        var accessors = Reader.GetEventDefinition(MetadataTokens.EventDefinitionHandle(eventRowNumber)).GetAccessors();
        return (RowOf(accessors.Adder), RowOf(accessors.Remover));
    }

    /// <summary>The default value of a field or parameter row (by Cecil metadata token).</summary>
    public bool TryGetConstant(Mono.Cecil.MetadataToken token, out object? value)
    {
        value = null;
        ConstantHandle constant;
        switch (token.TokenType)
        {
            case Mono.Cecil.TokenType.Field when token.RID != 0:
                constant = Reader.GetFieldDefinition(MetadataTokens.FieldDefinitionHandle((int)token.RID)).GetDefaultValue();
                break;
            case Mono.Cecil.TokenType.Param when token.RID != 0:
                constant = Reader.GetParameter(MetadataTokens.ParameterHandle((int)token.RID)).GetDefaultValue();
                break;
            default:
                return false;
        }
        if (constant.IsNil) return false;
        var row = Reader.GetConstant(constant);
        var blob = Reader.GetBlobReader(row.Value);
        value = blob.ReadConstant(row.TypeCode);
        return true;
    }

    private static int RowOf(MethodDefinitionHandle handle) => handle.IsNil ? 0 : MetadataTokens.GetRowNumber(handle);

    public Constructor ConstructorOf(EntityHandle constructor)
    {
        if (_constructors.TryGetValue(constructor, out var known)) return known;
        var result = Decode(constructor);
        _constructors[constructor] = result;
        return result;
    }

    private Constructor Decode(EntityHandle constructor)
    {
        StringHandle ns, name;
        BlobHandle signature;
        if (constructor.Kind == HandleKind.MemberReference)
        {
            var member = Reader.GetMemberReference((MemberReferenceHandle)constructor);
            signature = member.Signature;
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                var type = Reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                (ns, name) = (type.Namespace, type.Name);
            }
            else if (member.Parent.Kind == HandleKind.TypeDefinition)
            {
                var type = Reader.GetTypeDefinition((TypeDefinitionHandle)member.Parent);
                (ns, name) = (type.Namespace, type.Name);
            }
            else
            {
                return default; // A generic attribute (TypeSpec parent): none of the ones extraction reads.
            }
        }
        else if (constructor.Kind == HandleKind.MethodDefinition)
        {
            var method = Reader.GetMethodDefinition((MethodDefinitionHandle)constructor);
            signature = method.Signature;
            var type = Reader.GetTypeDefinition(method.GetDeclaringType());
            (ns, name) = (type.Namespace, type.Name);
        }
        else
        {
            return default;
        }

        var kind = AttributeKinds.Of(Reader.GetString(ns), Reader.GetString(name));
        if (kind == AttributeKind.Other) return default;
        var blob = Reader.GetBlobReader(signature);
        blob.ReadSignatureHeader();
        var count = blob.ReadCompressedInteger();
        var firstIsArray = false;
        if (count > 0)
        {
            SkipCustomModifiers(ref blob);
            blob.ReadSignatureTypeCode(); // the return type of a constructor: void
            SkipCustomModifiers(ref blob);
            firstIsArray = blob.ReadSignatureTypeCode() == SignatureTypeCode.SZArray;
        }
        return new Constructor(kind, count, firstIsArray);
    }

    private static void SkipCustomModifiers(ref BlobReader blob)
    {
        while (blob.RemainingBytes > 0)
        {
            var code = blob.ReadSignatureTypeCode();
            if (code is not (SignatureTypeCode.RequiredModifier or SignatureTypeCode.OptionalModifier))
            {
                blob.Offset--;
                return;
            }
            blob.ReadTypeHandle();
        }
    }
}
