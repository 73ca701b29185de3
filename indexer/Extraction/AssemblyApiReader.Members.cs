using System.Text;
using ApiTruth.Indexer.Model;
using Mono.Cecil;

namespace ApiTruth.Indexer.Extraction;

internal sealed partial class AssemblyApiReader
{
    private static readonly TypeReference[] NoTypes = [];

    private void ReadMethod(TypeScope scope, MethodDefinition method)
    {
        if (method.IsConstructor && method.IsStatic) return;
        var reach = ApiVisibility.OfMethod(method, scope.Type, scope.Reach);
        var isExplicit = false;
        MethodReference? implemented = null;
        if (reach == Reach.None)
        {
            if (!ApiVisibility.IsExplicitImplementation(method, out implemented) || !ApiVisibility.IsInterfaceVisible(implemented!.DeclaringType)) return;
            isExplicit = true;
            reach = scope.Reach;
        }
        if (TypeNames.IsUnspeakable(isExplicit ? SimpleName(method.Name) : method.Name)) return;

        var facts = _metadata.Read(method);
        var kind = MethodKind(method);
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview);
        flags |= CommonFlags(scope, reach) | DispatchFlags(method);
        if (isExplicit) flags |= ApiFlags.ExplicitInterfaceImplementation;
        if (facts.IsReadOnly) flags |= ApiFlags.ReadOnly;

        var isClassicExtension = facts.IsExtension && method.IsStatic && method.HasParameters;
        var signature = ReadParameters(method.Parameters, isClassicExtension);
        if (signature.HasParams) flags |= ApiFlags.Params;
        string? extendedType = null;
        if (isClassicExtension)
        {
            flags |= ApiFlags.Extension;
            extendedType = _ids.ExtendedTypeKey(method.Parameters[0].ParameterType, GenericParameterNaming.Compiler);
        }

        var arity = _metadata.GenericParameterCount(method);
        var docId = _ids.MemberId('M', scope.DocName, method.Name, arity, signature.Types,
            kind == ApiKind.Conversion ? method.ReturnType : null, GenericParameterNaming.Compiler);
        if (scope.ExtensionImplementations is { } implementations && implementations.TryGetValue(docId, out var receiver))
        {
            flags |= ApiFlags.Extension | ApiFlags.ExtensionBlockMember;
            extendedType = _ids.ExtendedTypeKey(receiver.Type, GenericParameterNaming.ExtensionImplementation(receiver.Marker.GenericParameters.Count));
        }

        var display = new StringBuilder(96);
        switch (kind)
        {
            case ApiKind.Constructor:
                display.Append("new ").Append(scope.Path);
                break;
            case ApiKind.Finalizer:
                display.Append(scope.Path).Append(".~").Append(TypeNames.Unmangled(scope.Type.Name, TypeNames.OwnArity(scope.Type)));
                break;
            case ApiKind.Operator:
                display.Append(scope.Path).Append(".operator ").Append(CSharpNames.OperatorToken(method.Name));
                break;
            case ApiKind.Conversion:
                display.Append(scope.Path).Append('.').Append(method.Name.Contains("Implicit", StringComparison.Ordinal) ? "implicit" : "explicit")
                    .Append(method.Name.Contains("Checked", StringComparison.Ordinal) ? " operator checked " : " operator ");
                _display.AppendType(display, method.ReturnType);
                break;
            default:
                display.Append(scope.Path).Append('.');
                if (isExplicit) AppendExplicitName(display, implemented!, method.Name);
                else display.Append(method.Name);
                if (arity > 0) AppendGenericParameterNames(display, method);
                break;
        }
        display.Append(signature.Display);

        _apis.Add(new ApiRecord(
            docId, kind, flags, display.ToString(),
            DeclaringType: scope.DocId,
            ReturnType: kind == ApiKind.Constructor ? null : _ids.TypeForm(method.ReturnType),
            Parameters: signature.Parameters,
            GenericArity: arity,
            GenericConstraints: arity > 0 ? GenericConstraintText.For(method.GenericParameters, 0, method, _display, _metadata) : null,
            ExtendedType: extendedType,
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId));
    }

    private void ReadProperty(TypeScope scope, PropertyDefinition property, ExtensionBlockContext? block = null)
    {
        var (getMethod, setMethod) = _metadata.AccessorsOf(property);
        var getter = AccessorReach(scope, getMethod, out var getterExplicit, out var getterImplemented);
        var setter = AccessorReach(scope, setMethod, out var setterExplicit, out var setterImplemented);
        if (getter == Reach.None && setter == Reach.None) return;
        var isExplicit = getterExplicit || setterExplicit;
        if (TypeNames.IsUnspeakable(isExplicit ? SimpleName(property.Name) : property.Name)) return;

        var facts = _metadata.Read(property);
        var main = getter != Reach.None ? getMethod! : setMethod!;
        // An indexer's parameters are its getter's, or its setter's but the value (Cecil's property.Parameters
        // would re-read the accessors under the module lock on every ask).
        IList<ParameterDefinition> propertyParameters = _metadata.PropertyParameterCount(property) == 0 ? []
            : getMethod is not null ? getMethod.Parameters
            : setMethod!.Parameters.Take(Math.Max(0, setMethod.Parameters.Count - 1)).ToList();
        var hasParameters = propertyParameters.Count > 0;
        var isIndexer = hasParameters && scope.DefaultMemberName == property.Name;
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview | ApiFlags.Required);
        var reach = getter == Reach.Public || setter == Reach.Public ? Reach.Public : Reach.Protected;
        flags |= CommonFlags(scope, reach) | DispatchFlags(main);
        if (isExplicit) flags |= ApiFlags.ExplicitInterfaceImplementation;
        if (getter != Reach.None) flags |= ApiFlags.HasGetter;
        if (setter != Reach.None) flags |= ApiFlags.HasSetter;
        // "public get, protected set" as seen from outside; inside a protected type both are protected anyway.
        if (reach == Reach.Public && getter == Reach.Protected) flags |= ApiFlags.GetterProtected;
        if (reach == Reach.Public && setter == Reach.Protected) flags |= ApiFlags.SetterProtected;
        var isInit = setter != Reach.None && IsInitOnly(setMethod!);
        if (isInit) flags |= ApiFlags.InitOnly;
        // readonly members exist only on structs.
        if (getter != Reach.None && scope.Type.IsValueType && _metadata.Read(getMethod!).IsReadOnly) flags |= ApiFlags.ReadOnly;

        var signature = ReadParameters(propertyParameters, isExtension: false);
        var display = new StringBuilder(96);
        if (block is not null) AppendExtensionPrefix(display, scope, block);
        else display.Append(scope.Path).Append('.');
        if (isExplicit) AppendExplicitName(display, getterImplemented ?? setterImplemented!, property.Name);
        if (isIndexer)
        {
            display.Append("this[");
            display.Append(signature.Display, 1, signature.Display.Length - 2);
            display.Append(']');
        }
        else
        {
            if (!isExplicit) display.Append(property.Name);
            if (hasParameters) display.Append('[').Append(signature.Display, 1, signature.Display.Length - 2).Append(']');
        }
        display.Append(" {");
        if (getter != Reach.None) display.Append(getter == Reach.Protected && reach == Reach.Public ? " protected get;" : " get;");
        if (setter != Reach.None)
            display.Append(setter == Reach.Protected && reach == Reach.Public ? " protected" : "").Append(isInit ? " init;" : " set;");
        display.Append(" }");

        string? extendedType = null;
        var declaringType = scope.DocId;
        if (block is not null)
        {
            flags |= ApiFlags.Extension | ApiFlags.ExtensionBlockMember;
            extendedType = block.ExtendedType;
            declaringType = block.StaticClass.DocId;
        }

        _apis.Add(new ApiRecord(
            _ids.MemberId('P', scope.DocName, property.Name, 0, signature.Types, null, GenericParameterNaming.Compiler),
            isIndexer ? ApiKind.Indexer : ApiKind.Property, flags, display.ToString(),
            DeclaringType: declaringType,
            ReturnType: _ids.TypeForm(property.PropertyType),
            Parameters: hasParameters ? signature.Parameters : null,
            ExtendedType: extendedType,
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId));
    }

    private Reach AccessorReach(TypeScope scope, MethodDefinition? accessor, out bool isExplicit, out MethodReference? implemented)
    {
        isExplicit = false;
        implemented = null;
        if (accessor is null) return Reach.None;
        var reach = ApiVisibility.OfMethod(accessor, scope.Type, scope.Reach);
        if (reach != Reach.None) return reach;
        if (ApiVisibility.IsExplicitImplementation(accessor, out implemented) && ApiVisibility.IsInterfaceVisible(implemented!.DeclaringType))
        {
            isExplicit = true;
            return scope.Reach;
        }
        return Reach.None;
    }

    // init is a modreq(IsExternalInit) on the setter's void return.
    private static bool IsInitOnly(MethodDefinition setter)
    {
        for (var type = setter.ReturnType; type is RequiredModifierType or OptionalModifierType; type = ((TypeSpecification)type).ElementType)
        {
            if (type is RequiredModifierType { ModifierType: { Name: "IsExternalInit", Namespace: "System.Runtime.CompilerServices" } }) return true;
        }
        return false;
    }

    private void ReadEvent(TypeScope scope, EventDefinition @event)
    {
        var (addMethod, removeMethod) = _metadata.AccessorsOf(@event);
        var add = AccessorReach(scope, addMethod, out var addExplicit, out var addImplemented);
        var remove = AccessorReach(scope, removeMethod, out var removeExplicit, out var removeImplemented);
        if (add == Reach.None && remove == Reach.None) return;
        var isExplicit = addExplicit || removeExplicit;
        if (TypeNames.IsUnspeakable(isExplicit ? SimpleName(@event.Name) : @event.Name)) return;

        var facts = _metadata.Read(@event);
        var reach = add == Reach.Public || remove == Reach.Public ? Reach.Public : Reach.Protected;
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview);
        flags |= CommonFlags(scope, reach) | DispatchFlags(add != Reach.None ? addMethod! : removeMethod!);
        if (isExplicit) flags |= ApiFlags.ExplicitInterfaceImplementation;

        var display = new StringBuilder(64).Append("event ").Append(scope.Path).Append('.');
        if (isExplicit) AppendExplicitName(display, addImplemented ?? removeImplemented!, @event.Name);
        else display.Append(@event.Name);

        _apis.Add(new ApiRecord(
            _ids.MemberId('E', scope.DocName, @event.Name, 0, NoTypes, null, GenericParameterNaming.Compiler),
            ApiKind.Event, flags, display.ToString(),
            DeclaringType: scope.DocId,
            ReturnType: _ids.TypeForm(@event.EventType),
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId));
    }

    private void ReadField(TypeScope scope, FieldDefinition field)
    {
        // value__ holds an enum's value; it is not a member C# code can name (Roslyn does not list it either).
        if (field.IsSpecialName && field.IsRuntimeSpecialName) return;
        var reach = ApiVisibility.OfField(field, scope.Type, scope.Reach);
        if (reach == Reach.None || TypeNames.IsUnspeakable(field.Name)) return;

        var facts = _metadata.Read(field);
        var flags = facts.Flags & (ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.EditorBrowsableNever | ApiFlags.Preview | ApiFlags.Required);
        flags |= CommonFlags(scope, reach);
        if (field.IsStatic) flags |= ApiFlags.Static;
        if (field.IsInitOnly) flags |= ApiFlags.ReadOnly;

        ApiKind kind;
        string? value = null;
        if (scope.Type.IsEnum && field.IsLiteral)
        {
            kind = ApiKind.EnumValue;
            value = _metadata.TryGetConstant(field, out var constant) ? CSharpLiteral.Format(constant) : null;
        }
        else if (field.IsLiteral)
        {
            kind = ApiKind.Const;
            value = _metadata.TryGetConstant(field, out var constant) ? CSharpLiteral.Format(constant) : null;
        }
        else if (field.IsStatic && field.IsInitOnly && facts.ConstantLiteral is not null)
        {
            // const decimal is a static readonly field with [DecimalConstant].
            kind = ApiKind.Const;
            value = facts.ConstantLiteral;
            flags &= ~ApiFlags.ReadOnly;
        }
        else
        {
            kind = ApiKind.Field;
        }

        var display = new StringBuilder(64).Append(scope.Path).Append('.').Append(field.Name);
        if (value is not null) display.Append(" = ").Append(value);

        string returnType;
        if (facts.FixedBufferElementType is { } element)
        {
            // fixed int Buf[4]: C# sees int*; the field's metadata type is an unspeakable helper struct.
            returnType = element + "*";
            display.Insert(0, "fixed ");
        }
        else
        {
            returnType = _ids.TypeForm(field.FieldType);
        }

        _apis.Add(new ApiRecord(
            _ids.MemberId('F', scope.DocName, field.Name, 0, NoTypes, null, GenericParameterNaming.Compiler),
            kind, flags, display.ToString(),
            DeclaringType: scope.DocId,
            ReturnType: returnType,
            ObsoleteMessage: facts.ObsoleteMessage,
            ObsoleteDiagnosticId: facts.ObsoleteDiagnosticId));
    }

    private static ApiFlags CommonFlags(TypeScope scope, Reach reach)
    {
        var flags = ApiFlags.None;
        if (reach == Reach.Protected) flags |= ApiFlags.Protected;
        if (scope.Forwarded) flags |= ApiFlags.Forwarded;
        return flags;
    }

    // C#'s view of the metadata dispatch bits: virtual = new slot, overridable; override = reuses a slot;
    // sealed = final override. Explicit implementations are final new slots: none of these.
    private static ApiFlags DispatchFlags(MethodDefinition method)
    {
        var flags = ApiFlags.None;
        if (method.IsStatic) flags |= ApiFlags.Static;
        if (method.IsAbstract) flags |= ApiFlags.Abstract;
        if (!method.IsVirtual) return flags;
        // Static virtual interface members (C# 11) have no slot to reuse: virtual means "has a default body".
        if (method.IsStatic) return method.IsAbstract ? flags : flags | ApiFlags.Virtual;
        if (!method.IsNewSlot)
        {
            flags |= ApiFlags.Override;
            if (method.IsFinal) flags |= ApiFlags.Sealed;
        }
        else if (!method.IsAbstract && !method.IsFinal)
        {
            flags |= ApiFlags.Virtual;
        }
        return flags;
    }

    private static ApiKind MethodKind(MethodDefinition method)
    {
        if (method.IsConstructor) return ApiKind.Constructor;
        if (method.Name == "Finalize" && method.IsVirtual && !method.HasParameters && method.GenericParameters.Count == 0
            && method.ReturnType is { Name: "Void", Namespace: "System" })
        {
            return ApiKind.Finalizer;
        }
        if (!method.IsSpecialName || !method.Name.StartsWith("op_", StringComparison.Ordinal)) return ApiKind.Method;
        return IsConversion(method) ? ApiKind.Conversion : ApiKind.Operator;
    }

    // The compiler treats these as conversions (doc ID gets ~ReturnType) only with a valid operator signature.
    private static bool IsConversion(MethodDefinition method) =>
        method.Name is "op_Implicit" or "op_Explicit" or "op_CheckedExplicit"
        && method.IsStatic && method.Parameters.Count == 1
        && method.ReturnType is not { Name: "Void", Namespace: "System" };

    // Explicit implementations are named Ns.IFace<T>.Member in metadata; show them as C# would: IFace<T>.Member.
    private void AppendExplicitName(StringBuilder b, MethodReference implemented, string metadataName)
    {
        _display.AppendType(b, implemented.DeclaringType);
        b.Append('.').Append(SimpleName(metadataName));
    }

    private static string SimpleName(string metadataName)
    {
        var dot = metadataName.LastIndexOf('.');
        return dot >= 0 ? metadataName[(dot + 1)..] : metadataName;
    }

    private static void AppendGenericParameterNames(StringBuilder b, MethodDefinition method)
    {
        if (method.GenericParameters.Count == 0) return;
        b.Append('<');
        for (var i = 0; i < method.GenericParameters.Count; i++)
        {
            if (i > 0) b.Append(", ");
            b.Append(method.GenericParameters[i].Name);
        }
        b.Append('>');
    }
}
