namespace ApiTruth.Tests.Extraction;

/// <summary>
/// A small assembly written for the shapes real packages rarely show all at once: records, init, required,
/// params, defaults of every kind, ref kinds, function pointers, rectangular arrays, operators, explicit
/// interface implementations, nested generics, C# 14 extension blocks, private protected members, fixed buffers.
/// Compiled by Roslyn in the test, against the net8.0 reference pack.
/// </summary>
internal static class EdgeCaseAssembly
{
    public const string Source = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Diagnostics.CodeAnalysis;

        namespace EdgeCases
        {
            public record Person(string Name, int Age)
            {
                public required string Email { get; init; }
            }

            public record struct Point(int X, int Y);

            public readonly struct Plain
            {
                public readonly int Value;
                public Plain(int value) { Value = value; }
            }

            public enum Color : byte { Red, Green = 5, Blue }

            [Flags]
            public enum Access { None = 0, Read = 1, Write = 2 }

            public delegate TResult Transform<in T, out TResult>(T input);

            public class Shapes : IDisposable, IEnumerable<int>
            {
                public const string Greeting = "hi\n";
                public const decimal Price = 1.5m;
                public static readonly int Shared = 1;

                void IDisposable.Dispose() { }
                IEnumerator<int> IEnumerable<int>.GetEnumerator() => throw null!;
                IEnumerator IEnumerable.GetEnumerator() => throw null!;

                public virtual void In(in int x) { }
                public void RefReadOnly(ref readonly int x) { }
                public void RefOut(ref int a, out int b) { b = a; }
                public unsafe void FunctionPointers(delegate*<int, void> f, int y) { }
                public unsafe void Pointers(int* p, void** q) { }
                public void Arrays(int[,] a, int[][] b, string[,][] c) { }
                public static explicit operator int(Shapes s) => 0;
                public static implicit operator Shapes(int i) => null!;
                public static Shapes operator +(Shapes a, Shapes b) => a;
                public int this[int index] => index;
                public void Generic<T, U>(T t, List<U> u, Dictionary<T, U>.Enumerator e) where T : class, new() where U : struct { }
                public void Unmanaged<T>(T t) where T : unmanaged { }
                public void NotNull<T>(T t) where T : notnull { }
                public void Unconstrained<T>(T t) { }
                protected void ProtectedMethod() { }
                private protected void PrivateProtectedMethod() { }
                protected internal void ProtectedInternalMethod() { }
                internal void InternalMethod() { }
                ~Shapes() { }
                public event EventHandler? Changed;
                public int ProtectedSetter { get; protected set; }
                public int PrivateSetter { get; private set; }
                public void Defaults(int a = 5, string s = "x\"y", object? o = null, Color c = Color.Green, Access flags = Access.Read | Access.Write,
                    double d = 2.5, float f = 1f, long l = -3, char ch = '\'', bool b = true, decimal m = 1.25m, Plain p = default, int? n = null,
                    params int[] rest) { }
                public void Spans(params ReadOnlySpan<int> values) { }
                public ref readonly int RefReturn() => throw null!;
                public (int Count, string Name) Tuple() => default;
                public dynamic Dynamic(dynamic d) => d;
                public nint Native(nint n) => n;
                [Obsolete("use Other", DiagnosticId = "EDGE001")]
                public void Old() { }
                [Obsolete("gone", true)]
                public void Gone() { }
                [EditorBrowsable(EditorBrowsableState.Never)]
                public void Hidden() { }
                protected virtual void Hook() { }
                public void OnChanged() => Changed?.Invoke(this, EventArgs.Empty);
            }

            public sealed class SealedDerived : Shapes
            {
                protected override void Hook() { }
                protected void NewProtected() { }
            }

            public abstract class Base
            {
                protected Base() { }
                public abstract void Run();
                protected abstract class ProtectedNested { public void Visible() { } }
                private class PrivateNested { public void Invisible() { } }
            }

            internal class InternalType
            {
                public class PublicNestedInInternal { public void Invisible() { } }
            }

            public class Outer<T>
            {
                public class Inner<U>
                {
                    public void Method(T t, U u, Outer<U>.Inner<T> swapped) { }
                }
                public class NonGeneric { public void Method(T t) { } }
            }

            public unsafe struct Buffers
            {
                public fixed int Items[4];
            }

            public ref struct Ref
            {
                public int X;
            }

            public interface IShape
            {
                static abstract IShape Create();
                protected void ProtectedDefault() { }
                void Default() { }
                double Area { get; }
            }

            public static class Text
            {
                extension(string s)
                {
                    public int LineCount => 0;
                    public string Repeat(int times) => s;
                    public static string Empty() => "";
                }

                extension<T>(List<T> list) where T : class
                {
                    public T? FirstOrNull => default;
                    public void AddAll<U>(IEnumerable<U> items) where U : T { }
                }

                public static int Words(this string s, char separator = ' ') => 0;
            }
        }
        """;

    public static string Emit(PackageFiles packages) =>
        CompiledAssembly.Emit("EdgeCases", Source, packages.Net8RefPackAssemblies);
}
