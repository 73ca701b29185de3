using ApiTruth.Indexer.Extraction;
using ApiTruth.Indexer.Model;

namespace ApiTruth.Tests.Extraction;

/// <summary>
/// What the extractor records for each shape of <see cref="EdgeCaseAssembly"/>: visibility, records, init,
/// required, params, defaults, ref kinds, operators, explicit implementations, extension blocks, attributes.
/// </summary>
[Collection(PackageFilesCollection.Name)]
public sealed class EdgeCaseFactsTests
{
    private readonly Dictionary<string, ApiRecord> _apis;
    private readonly string _dll;

    public EdgeCaseFactsTests(PackageFiles packages)
    {
        _dll = EdgeCaseAssembly.Emit(packages);
        var result = new ApiExtractor().Extract([_dll], [packages.Net8RefPack]);
        Assert.Empty(result.Problems);
        _apis = result.Apis.ToDictionary(a => a.DocId, StringComparer.Ordinal);
    }

    private ApiRecord Api(string docId) =>
        _apis.TryGetValue(docId, out var api) ? api : throw new Xunit.Sdk.XunitException($"{docId} was not extracted");

    [Fact]
    public void Private_protected_internal_and_private_members_are_not_API_but_protected_internal_is()
    {
        Assert.DoesNotContain("M:EdgeCases.Shapes.PrivateProtectedMethod", _apis.Keys);
        Assert.DoesNotContain("M:EdgeCases.Shapes.InternalMethod", _apis.Keys);
        Assert.DoesNotContain("T:EdgeCases.InternalType", _apis.Keys);
        Assert.DoesNotContain("T:EdgeCases.InternalType.PublicNestedInInternal", _apis.Keys);
        Assert.DoesNotContain("M:EdgeCases.InternalType.PublicNestedInInternal.Invisible", _apis.Keys);
        Assert.DoesNotContain("T:EdgeCases.Base.PrivateNested", _apis.Keys);
        Assert.Equal(ApiFlags.Protected, Api("M:EdgeCases.Shapes.ProtectedMethod").Flags);
        Assert.Equal(ApiFlags.Protected, Api("M:EdgeCases.Shapes.ProtectedInternalMethod").Flags);
        // A public member of a protected nested type is reachable only from derived types.
        Assert.Equal(ApiFlags.Protected | ApiFlags.Nested | ApiFlags.Abstract, Api("T:EdgeCases.Base.ProtectedNested").Flags);
        Assert.Equal(ApiFlags.Protected, Api("M:EdgeCases.Base.ProtectedNested.Visible").Flags);
        Assert.Equal(ApiFlags.Protected, Api("M:EdgeCases.Base.#ctor").Flags);
        // Sealed: its protected members are unreachable.
        Assert.DoesNotContain("M:EdgeCases.SealedDerived.Hook", _apis.Keys);
        Assert.DoesNotContain("M:EdgeCases.SealedDerived.NewProtected", _apis.Keys);
        Assert.Equal(ApiFlags.Protected | ApiFlags.Virtual, Api("M:EdgeCases.Shapes.Hook").Flags);
    }

    [Fact]
    public void Record_members_the_compiler_synthesizes_are_API_except_the_unspeakable_clone()
    {
        var person = Api("T:EdgeCases.Person");
        Assert.Equal(ApiFlags.Record, person.Flags);
        Assert.Equal("record Person", person.Display);
        Assert.Equal(["T:System.IEquatable{EdgeCases.Person}"], person.InterfaceList);
        Assert.Equal(ApiKind.Operator, Api("M:EdgeCases.Person.op_Equality(EdgeCases.Person,EdgeCases.Person)").Kind);
        Assert.Equal("Person.operator ==(Person left, Person right)", Api("M:EdgeCases.Person.op_Equality(EdgeCases.Person,EdgeCases.Person)").Display);
        Assert.Equal(ApiFlags.Virtual, Api("M:EdgeCases.Person.Equals(EdgeCases.Person)").Flags);
        Assert.Equal(ApiFlags.Override, Api("M:EdgeCases.Person.Equals(System.Object)").Flags);
        Assert.Equal("Person.Deconstruct(out string Name, out int Age)", Api("M:EdgeCases.Person.Deconstruct(System.String@,System.Int32@)").Display);
        Assert.Equal(ApiFlags.Protected, Api("M:EdgeCases.Person.#ctor(EdgeCases.Person)").Flags);
        Assert.Equal(ApiFlags.Protected | ApiFlags.Virtual | ApiFlags.HasGetter, Api("P:EdgeCases.Person.EqualityContract").Flags);
        Assert.DoesNotContain(_apis.Keys, id => id.Contains("Clone", StringComparison.Ordinal));
        Assert.Equal(ApiFlags.Record, Api("T:EdgeCases.Point").Flags & ApiFlags.Record);
        Assert.Equal("record struct Point", Api("T:EdgeCases.Point").Display);
    }

    [Fact]
    public void Init_required_and_accessor_visibility_are_recorded()
    {
        var name = Api("P:EdgeCases.Person.Name");
        Assert.Equal(ApiFlags.HasGetter | ApiFlags.HasSetter | ApiFlags.InitOnly, name.Flags);
        Assert.Equal("Person.Name { get; init; }", name.Display);
        Assert.Equal("System.String", name.ReturnType);
        Assert.Equal(ApiFlags.HasGetter | ApiFlags.HasSetter | ApiFlags.InitOnly | ApiFlags.Required, Api("P:EdgeCases.Person.Email").Flags);
        // The compiler marks constructors of types with required members [Obsolete(error)] for old compilers: not the author's.
        Assert.Equal(ApiFlags.None, Api("M:EdgeCases.Person.#ctor(System.String,System.Int32)").Flags);

        var protectedSetter = Api("P:EdgeCases.Shapes.ProtectedSetter");
        Assert.Equal(ApiFlags.HasGetter | ApiFlags.HasSetter | ApiFlags.SetterProtected, protectedSetter.Flags);
        Assert.Equal("Shapes.ProtectedSetter { get; protected set; }", protectedSetter.Display);
        Assert.Equal(ApiFlags.HasGetter, Api("P:EdgeCases.Shapes.PrivateSetter").Flags);
        Assert.Equal("Shapes.PrivateSetter { get; }", Api("P:EdgeCases.Shapes.PrivateSetter").Display);
    }

    [Fact]
    public void Parameters_record_ref_kinds_params_and_defaults_as_CSharp_writes_them()
    {
        var defaults = Api("M:EdgeCases.Shapes.Defaults(System.Int32,System.String,System.Object,EdgeCases.Color,EdgeCases.Access,System.Double,System.Single,System.Int64,System.Char,System.Boolean,System.Decimal,EdgeCases.Plain,System.Nullable{System.Int32},System.Int32[])");
        Assert.Equal(ApiFlags.Params, defaults.Flags);
        Assert.Equal(
            ["5", "\"x\\\"y\"", "null", "Color.Green", "Access.Read | Access.Write", "2.5", "1F", "-3L", "'\\''", "true", "1.25M", "default", "null", null],
            defaults.ParameterList.Select(p => p.DefaultValue));
        Assert.All(defaults.ParameterList.SkipLast(1), p => Assert.True(p.IsOptional));
        Assert.Equal(new ApiParameter("rest", "System.Int32[]", IsParams: true), defaults.ParameterList[^1]);
        Assert.Equal(new ApiParameter("n", "System.Nullable{System.Int32}", IsOptional: true, DefaultValue: "null"), defaults.ParameterList[12]);
        Assert.Equal(
            "Shapes.Defaults(int a = 5, string s = \"x\\\"y\", object o = null, Color c = Color.Green, Access flags = Access.Read | Access.Write, "
            + "double d = 2.5, float f = 1F, long l = -3L, char ch = '\\'', bool b = true, decimal m = 1.25M, Plain p = default, int? n = null, params int[] rest)",
            defaults.Display);

        Assert.True(Api("M:EdgeCases.Shapes.Spans(System.ReadOnlySpan{System.Int32})").ParameterList[0].IsParams);
        Assert.Equal(ParameterModifier.In, Api("M:EdgeCases.Shapes.In(System.Int32@)").ParameterList[0].Modifier);
        Assert.Equal(ParameterModifier.RefReadOnly, Api("M:EdgeCases.Shapes.RefReadOnly(System.Int32@)").ParameterList[0].Modifier);
        var refOut = Api("M:EdgeCases.Shapes.RefOut(System.Int32@,System.Int32@)");
        Assert.Equal([ParameterModifier.Ref, ParameterModifier.Out], refOut.ParameterList.Select(p => p.Modifier));
        Assert.Equal("Shapes.RefOut(ref int a, out int b)", refOut.Display);
        Assert.Equal("System.Int32@", Api("M:EdgeCases.Shapes.RefReturn").ReturnType);
        Assert.Equal("' '", Api("M:EdgeCases.Text.Words(System.String,System.Char)").ParameterList[1].DefaultValue);
    }

    [Fact]
    public void Signatures_use_the_compiler_doc_ID_forms()
    {
        // Function pointers are an empty string, as the compiler writes them; modifiers (modreq In) are dropped.
        Assert.Equal("Shapes.FunctionPointers(delegate*<int, void> f, int y)", Api("M:EdgeCases.Shapes.FunctionPointers(,System.Int32)").Display);
        Assert.Contains("M:EdgeCases.Shapes.Pointers(System.Int32*,System.Void**)", _apis.Keys);
        Assert.Equal("Shapes.Arrays(int[,] a, int[][] b, string[,][] c)", Api("M:EdgeCases.Shapes.Arrays(System.Int32[0:,0:],System.Int32[][],System.String[][0:,0:])").Display);
        Assert.Equal(ApiKind.Conversion, Api("M:EdgeCases.Shapes.op_Explicit(EdgeCases.Shapes)~System.Int32").Kind);
        Assert.Equal("Shapes.implicit operator Shapes(int i)", Api("M:EdgeCases.Shapes.op_Implicit(System.Int32)~EdgeCases.Shapes").Display);
        Assert.Equal(ApiKind.Indexer, Api("P:EdgeCases.Shapes.Item(System.Int32)").Kind);
        Assert.Equal("Shapes.this[int index] { get; }", Api("P:EdgeCases.Shapes.Item(System.Int32)").Display);
        Assert.Equal(ApiKind.Finalizer, Api("M:EdgeCases.Shapes.Finalize").Kind);
        Assert.Equal("Outer<T>.Inner<U>.Method(T t, U u, Outer<U>.Inner<T> swapped)", Api("M:EdgeCases.Outer`1.Inner`1.Method(`0,`1,EdgeCases.Outer{`1}.Inner{`0})").Display);
        Assert.Equal(1, Api("T:EdgeCases.Outer`1.Inner`1").GenericArity);
        Assert.Equal("T:EdgeCases.Outer`1", Api("T:EdgeCases.Outer`1.Inner`1").DeclaringType);
        Assert.Equal(0, Api("T:EdgeCases.Outer`1.NonGeneric").GenericArity);
        Assert.Equal("System.ValueTuple{System.Int32,System.String}", Api("M:EdgeCases.Shapes.Tuple").ReturnType);
        Assert.Equal("System.Object", Api("M:EdgeCases.Shapes.Dynamic(System.Object)").ReturnType);
    }

    [Fact]
    public void Generic_constraints_are_written_in_CSharp()
    {
        Assert.Equal("where T : class, new() where U : struct",
            Api("M:EdgeCases.Shapes.Generic``2(``0,System.Collections.Generic.List{``1},System.Collections.Generic.Dictionary{``0,``1}.Enumerator)").GenericConstraints);
        Assert.Equal("where T : unmanaged", Api("M:EdgeCases.Shapes.Unmanaged``1(``0)").GenericConstraints);
        Assert.Equal("where T : notnull", Api("M:EdgeCases.Shapes.NotNull``1(``0)").GenericConstraints);
        Assert.Null(Api("M:EdgeCases.Shapes.Unconstrained``1(``0)").GenericConstraints);
        var transform = Api("T:EdgeCases.Transform`2");
        Assert.Equal(ApiKind.Delegate, transform.Kind);
        Assert.Equal("delegate TResult Transform<in T, out TResult>(T input)", transform.Display);
        Assert.Equal("`1", transform.ReturnType);
        Assert.Equal(new[] { new ApiParameter("input", "`0") }, transform.ParameterList);
    }

    [Fact]
    public void Explicit_interface_implementations_are_kept_apart()
    {
        var dispose = Api("M:EdgeCases.Shapes.System#IDisposable#Dispose");
        Assert.Equal(ApiFlags.ExplicitInterfaceImplementation, dispose.Flags);
        Assert.Equal("Shapes.IDisposable.Dispose()", dispose.Display);
        Assert.Equal("Shapes.IEnumerable<int>.GetEnumerator()", Api("M:EdgeCases.Shapes.System#Collections#Generic#IEnumerable{System#Int32}#GetEnumerator").Display);
        Assert.Equal(
            ["T:System.IDisposable", "T:System.Collections.Generic.IEnumerable{System.Int32}", "T:System.Collections.IEnumerable"],
            Api("T:EdgeCases.Shapes").InterfaceList);
    }

    [Fact]
    public void Attributes_obsolete_EditorBrowsable_and_the_compiler_synthesized_ones()
    {
        var old = Api("M:EdgeCases.Shapes.Old");
        Assert.Equal(ApiFlags.Obsolete, old.Flags);
        Assert.Equal("use Other", old.ObsoleteMessage);
        Assert.Equal("EDGE001", old.ObsoleteDiagnosticId);
        var gone = Api("M:EdgeCases.Shapes.Gone");
        Assert.Equal(ApiFlags.Obsolete | ApiFlags.ObsoleteError, gone.Flags);
        Assert.Equal("gone", gone.ObsoleteMessage);
        Assert.Equal(ApiFlags.EditorBrowsableNever, Api("M:EdgeCases.Shapes.Hidden").Flags);
        // ref structs get a synthesized [Obsolete(error)] for old compilers; it is not the author's.
        Assert.Equal(ApiFlags.RefLike, Api("T:EdgeCases.Ref").Flags);
        Assert.Equal("ref struct Ref", Api("T:EdgeCases.Ref").Display);
        Assert.Equal(ApiFlags.ReadOnly, Api("T:EdgeCases.Plain").Flags);
        Assert.Equal(ApiFlags.ReadOnly, Api("F:EdgeCases.Plain.Value").Flags);
    }

    [Fact]
    public void Fields_constants_enum_values_and_fixed_buffers()
    {
        Assert.DoesNotContain("F:EdgeCases.Color.value__", _apis.Keys);
        var green = Api("F:EdgeCases.Color.Green");
        Assert.Equal(ApiKind.EnumValue, green.Kind);
        Assert.Equal("Color.Green = 5", green.Display);
        Assert.Equal(ApiKind.Const, Api("F:EdgeCases.Shapes.Greeting").Kind);
        Assert.Equal("Shapes.Greeting = \"hi\\n\"", Api("F:EdgeCases.Shapes.Greeting").Display);
        var price = Api("F:EdgeCases.Shapes.Price");
        Assert.Equal(ApiKind.Const, price.Kind);
        Assert.Equal("Shapes.Price = 1.5M", price.Display);
        Assert.Equal(ApiFlags.Static | ApiFlags.ReadOnly, Api("F:EdgeCases.Shapes.Shared").Flags);
        Assert.Equal("System.Int32*", Api("F:EdgeCases.Buffers.Items").ReturnType);
        Assert.DoesNotContain(_apis.Keys, id => id.Contains("e__FixedBuffer", StringComparison.Ordinal));
    }

    [Fact]
    public void Interface_members_static_abstract_default_and_protected()
    {
        Assert.Equal(ApiFlags.Static | ApiFlags.Abstract, Api("M:EdgeCases.IShape.Create").Flags);
        Assert.Equal(ApiFlags.Virtual, Api("M:EdgeCases.IShape.Default").Flags);
        Assert.Equal(ApiFlags.Virtual | ApiFlags.Protected, Api("M:EdgeCases.IShape.ProtectedDefault").Flags);
        Assert.Equal(ApiFlags.Abstract | ApiFlags.HasGetter, Api("P:EdgeCases.IShape.Area").Flags);
    }

    [Fact]
    public void CSharp14_extension_blocks_give_implementation_and_CSharp_view_records()
    {
        // The C#-view members, with the compiler's doc IDs (what GetDocumentationCommentId() returns for them).
        var lineCount = Api("P:EdgeCases.Text.<G>$34505F560D9EACF86A87F3ED1F85E448.LineCount");
        Assert.Equal(ApiKind.Property, lineCount.Kind);
        Assert.Equal(ApiFlags.Extension | ApiFlags.ExtensionBlockMember | ApiFlags.HasGetter, lineCount.Flags);
        Assert.Equal("T:System.String", lineCount.ExtendedType);
        Assert.Equal("T:EdgeCases.Text", lineCount.DeclaringType);
        Assert.Equal("Text.extension(string s).LineCount { get; }", lineCount.Display);
        var empty = Api("M:EdgeCases.Text.<G>$34505F560D9EACF86A87F3ED1F85E448.Empty");
        Assert.Equal(ApiFlags.Static | ApiFlags.Extension | ApiFlags.ExtensionBlockMember, empty.Flags);
        var addAll = Api("M:EdgeCases.Text.<G>$685E6C5E247827362108D07EDDCAA114`1.AddAll``1(System.Collections.Generic.IEnumerable{``0})");
        Assert.Equal("Text.extension<T>(List<T> list).AddAll<U>(IEnumerable<U> items)", addAll.Display);
        Assert.Equal("where U : T", addAll.GenericConstraints);
        Assert.Equal("T:System.Collections.Generic.List`1", addAll.ExtendedType);

        // The implementation methods, with classic IDs (where AssociatedExtensionImplementation points).
        var getter = Api("M:EdgeCases.Text.get_LineCount(System.String)");
        Assert.Equal(ApiKind.Method, getter.Kind);
        Assert.Equal(ApiFlags.Static | ApiFlags.Extension | ApiFlags.ExtensionBlockMember, getter.Flags);
        Assert.Equal("T:System.String", getter.ExtendedType);
        Assert.Equal("T:System.String", Api("M:EdgeCases.Text.Empty").ExtendedType);
        Assert.True(Api("M:EdgeCases.Text.Empty").Has(ApiFlags.ExtensionBlockMember));
        var implementation = Api("M:EdgeCases.Text.AddAll``2(System.Collections.Generic.List{``0},System.Collections.Generic.IEnumerable{``1})");
        Assert.True(implementation.Has(ApiFlags.ExtensionBlockMember));
        Assert.Equal("T:System.Collections.Generic.List`1", implementation.ExtendedType);

        // A classic extension method beside them is not a block member.
        var words = Api("M:EdgeCases.Text.Words(System.String,System.Char)");
        Assert.Equal(ApiFlags.Static | ApiFlags.Extension, words.Flags);
        Assert.Equal("T:System.String", words.ExtendedType);
        Assert.DoesNotContain(_apis.Keys, id => id.StartsWith("T:EdgeCases.Text.<", StringComparison.Ordinal));
    }

    [Fact]
    public void Attributes_are_read_without_resolving_anything()
    {
        // The assembly alone, with no reference pack: EditorBrowsableState and every other referenced type are
        // unresolvable, which leaves Cecil's own argument decoding empty; the blob still says Never.
        var folder = Directory.CreateTempSubdirectory("apitruth-alone-").FullName;
        var alone = Path.Combine(folder, Path.GetFileName(_dll));
        File.Copy(_dll, alone);

        // Cecil's own decoding of [EditorBrowsable(EditorBrowsableState.Never)] gives up here (IsResolved false).
        using (var resolver = new GroupAssemblyResolver(AssemblyFileIndex.Build([alone], [])))
        {
            var hidden = resolver.Open(alone).MainModule.GetType("EdgeCases.Shapes").Methods.Single(m => m.Name == "Hidden");
            var editorBrowsable = hidden.CustomAttributes.Single(a => a.AttributeType.Name == "EditorBrowsableAttribute");
            Assert.Empty(editorBrowsable.ConstructorArguments);
            Assert.False(editorBrowsable.IsResolved);
        }

        var result = new ApiExtractor().Extract([alone], []);

        Assert.Empty(result.Problems);
        var apis = result.Apis.ToDictionary(a => a.DocId, StringComparer.Ordinal);
        Assert.Equal(_apis.Keys.Order(StringComparer.Ordinal), apis.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ApiFlags.EditorBrowsableNever, apis["M:EdgeCases.Shapes.Hidden"].Flags);
        Assert.Equal("EDGE001", apis["M:EdgeCases.Shapes.Old"].ObsoleteDiagnosticId);
        // Without System.Runtime the enum of a default value cannot be opened, but it is this assembly's own enum.
        Assert.Equal("Color.Green", apis["M:EdgeCases.Shapes.Defaults(System.Int32,System.String,System.Object,EdgeCases.Color,EdgeCases.Access,System.Double,System.Single,System.Int64,System.Char,System.Boolean,System.Decimal,EdgeCases.Plain,System.Nullable{System.Int32},System.Int32[])"].ParameterList[3].DefaultValue);
    }
}
