using System.Text;
using ApiTruth.Indexer.Model;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

internal sealed partial class AssemblyApiReader
{
    /// <summary>The extension block a skeleton member belongs to, while it is read.</summary>
    private sealed record ExtensionBlockContext(TypeScope StaticClass, ExtensionReceiver Receiver, string ExtendedType);

    /// <summary>
    /// Finds the C# 14 extension blocks of a static class and maps each member's implementation method
    /// (by its doc ID) to the block's receiver, so that reading the class's methods can flag them.
    /// </summary>
    private List<ExtensionBlock>? ReadExtensionBlocks(TypeScope staticClass)
    {
        List<ExtensionBlock>? blocks = null;
        foreach (var nested in staticClass.Type.NestedTypes)
        {
            if (!ExtensionBlock.IsGroupingType(nested)) continue;
            Guard(nested.FullName, () =>
            {
                var block = ExtensionBlock.Read(nested);
                (blocks ??= []).Add(block);
                var implementations = staticClass.ExtensionImplementations ??= new Dictionary<string, ExtensionReceiver>(StringComparer.Ordinal);
                foreach (var skeleton in nested.Methods)
                {
                    var receiver = block.ReceiverOf(_metadata.Read(skeleton).ExtensionMarkerName);
                    if (receiver is not null) implementations.TryAdd(ImplementationId(staticClass, block, skeleton, receiver), receiver);
                }
            });
        }
        return blocks;
    }

    /// <summary>
    /// The doc ID of a skeleton member's implementation: a static method of the static class with the same name,
    /// the receiver first (instance members only), and the block's type parameters ahead of the member's own.
    /// </summary>
    private string ImplementationId(TypeScope staticClass, ExtensionBlock block, MethodDefinition skeleton, ExtensionReceiver receiver)
    {
        var types = new List<TypeReference>(skeleton.Parameters.Count + 1);
        if (!skeleton.IsStatic) types.Add(receiver.Type);
        foreach (var parameter in skeleton.Parameters) types.Add(parameter.ParameterType);
        var isConversion = skeleton.IsSpecialName && IsConversion(skeleton);
        return _ids.MemberId('M', staticClass.DocName, skeleton.Name, block.Arity + skeleton.GenericParameters.Count, types,
            isConversion ? skeleton.ReturnType : null, GenericParameterNaming.ExtensionImplementation(block.Arity));
    }

    /// <summary>
    /// Records the skeleton members in the C# view, with the doc IDs the compiler gives them
    /// (<c>M:Ns.E.&lt;G&gt;$HASH.Member(…)</c>, as Roslyn's GetDocumentationCommentId() returns for extension members).
    /// </summary>
    private void ReadExtensionSkeletons(TypeScope staticClass, ExtensionBlock block)
    {
        var grouping = block.GroupingType;
        var groupingScope = new TypeScope
        {
            Type = grouping,
            Reach = staticClass.Reach,
            DocName = _ids.DeclarationName(grouping),
            DocId = _ids.TypeId(grouping),
            Path = staticClass.Path,
            Forwarded = staticClass.Forwarded,
        };
        foreach (var method in grouping.Methods)
        {
            if (method.SemanticsAttributes != MethodSemanticsAttributes.None || TypeNames.IsUnspeakable(method.Name)) continue;
            Guard($"{grouping.FullName}::{method.Name}", () =>
            {
                if (ContextOf(staticClass, block, _metadata.Read(method).ExtensionMarkerName) is { } context) ReadSkeletonMethod(groupingScope, method, context);
            });
        }
        foreach (var property in grouping.Properties)
        {
            Guard($"{grouping.FullName}::{property.Name}", () =>
            {
                var marker = _metadata.Read(property).ExtensionMarkerName
                    ?? _metadata.Read(property.GetMethod ?? property.SetMethod).ExtensionMarkerName;
                if (ContextOf(staticClass, block, marker) is { } context) WithBlockTypeParameterNames(context, () => ReadProperty(groupingScope, property, context));
            });
        }
    }

    private ExtensionBlockContext? ContextOf(TypeScope staticClass, ExtensionBlock block, string? markerName)
    {
        var receiver = block.ReceiverOf(markerName);
        if (receiver is null) return null;
        var extendedType = _ids.ExtendedTypeKey(receiver.Type, GenericParameterNaming.ExtensionImplementation(block.Arity));
        return new ExtensionBlockContext(staticClass, receiver, extendedType);
    }

    private void ReadSkeletonMethod(TypeScope groupingScope, MethodDefinition method, ExtensionBlockContext context)
    {
        var reach = ApiVisibility.OfMethod(method, groupingScope.Type, groupingScope.Reach);
        if (reach == Reach.None) return;
        var facts = _metadata.Read(method);
        var kind = MethodKind(method);
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview);
        flags |= CommonFlags(groupingScope, reach) | DispatchFlags(method) | ApiFlags.Extension | ApiFlags.ExtensionBlockMember;

        string docId = "", display = "";
        string? constraints = null;
        Signature signature = EmptySignature;
        WithBlockTypeParameterNames(context, () =>
        {
            signature = ReadParameters(method.Parameters, isExtension: false);
            docId = _ids.MemberId('M', groupingScope.DocName, method.Name, method.GenericParameters.Count, signature.Types,
                kind == ApiKind.Conversion ? method.ReturnType : null, GenericParameterNaming.Compiler);
            var b = new StringBuilder(96);
            AppendExtensionPrefix(b, groupingScope, context);
            if (kind == ApiKind.Operator) b.Append("operator ").Append(CSharpNames.OperatorToken(method.Name));
            else if (kind == ApiKind.Conversion)
            {
                b.Append(method.Name.Contains("Implicit", StringComparison.Ordinal) ? "implicit operator " : "explicit operator ");
                _display.AppendType(b, method.ReturnType);
            }
            else
            {
                b.Append(method.Name);
                AppendGenericParameterNames(b, method);
            }
            display = b.Append(signature.Display).ToString();
            constraints = GenericConstraintText.For(method.GenericParameters, 0, method, _display, _metadata);
        });
        if (signature.HasParams) flags |= ApiFlags.Params;

        _apis.Add(new ApiRecord(
            docId, kind, flags, display,
            DeclaringType: context.StaticClass.DocId,
            ReturnType: _ids.TypeForm(method.ReturnType),
            Parameters: signature.Parameters,
            GenericArity: method.GenericParameters.Count,
            GenericConstraints: constraints,
            ExtendedType: context.ExtendedType,
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId));
    }

    // E.extension<T>(List<T> list).
    private void AppendExtensionPrefix(StringBuilder b, TypeScope scope, ExtensionBlockContext context)
    {
        var receiver = context.Receiver;
        b.Append(context.StaticClass.Path).Append(".extension");
        var typeParameters = receiver.Marker.GenericParameters;
        if (typeParameters.Count > 0) b.Append('<').AppendJoin(", ", typeParameters.Select(p => p.Name)).Append('>');
        b.Append('(');
        _display.AppendType(b, receiver.Type);
        if (receiver.Name.Length > 0) b.Append(' ').Append(receiver.Name);
        b.Append(").");
    }

    // Skeleton signatures refer to the grouping type's type parameters, which carry placeholder names;
    // the marker type declares the names the author wrote.
    private void WithBlockTypeParameterNames(ExtensionBlockContext context, Action read)
    {
        var previous = _display.TypeParameterNames;
        _display.TypeParameterNames = context.Receiver.Marker.GenericParameters.Select(p => p.Name).ToArray();
        try
        {
            read();
        }
        finally
        {
            _display.TypeParameterNames = previous;
        }
    }
}
