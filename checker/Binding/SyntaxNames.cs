using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ApiTruth.Checker.Binding;

/// <summary>Finds the name a diagnostic or a reference is about.</summary>
internal static class SyntaxNames
{
    /// <summary>The simple name at a diagnostic's span: the member of a member access, the right side of a qualified name, the type of a creation.</summary>
    public static SimpleNameSyntax? SimpleNameAt(SyntaxNode root, TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (int i = 0; i < 6 && node is not null; i++)
        {
            switch (node)
            {
                case SimpleNameSyntax name: return name;
                case InvocationExpressionSyntax inv: node = inv.Expression; break;
                case MemberAccessExpressionSyntax ma: node = ma.Name; break;
                case MemberBindingExpressionSyntax mb: node = mb.Name; break;
                case QualifiedNameSyntax qn: node = qn.Right; break;
                case AliasQualifiedNameSyntax an: node = an.Name; break;
                case ObjectCreationExpressionSyntax oc: node = oc.Type; break;
                case AttributeSyntax at: node = at.Name; break;
                case NullableTypeSyntax nt: node = nt.ElementType; break;
                default: return null;
            }
        }
        return null;
    }

    /// <summary>The generic arity as written: <c>List&lt;int&gt;</c> → 1, <c>List</c> → 0.</summary>
    public static int Arity(SimpleNameSyntax name) => name is GenericNameSyntax g ? g.TypeArgumentList.Arguments.Count : 0;

    /// <summary>Is this name the type of an attribute (where <c>Fact</c> means <c>FactAttribute</c>)?</summary>
    public static bool IsAttributeName(SimpleNameSyntax name) =>
        name.Parent is AttributeSyntax || (name.Parent is QualifiedNameSyntax q && q.Right == name && q.Parent is AttributeSyntax);

    /// <summary>The member access whose member is this name, if any.</summary>
    public static MemberAccessExpressionSyntax? MemberAccessOf(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax ma && ma.Name == name ? ma : null;

    /// <summary>Is this name called: <c>Name(…)</c>, <c>x.Name(…)</c>, <c>x?.Name(…)</c>?</summary>
    public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
    {
        SyntaxNode expr = name.Parent is MemberAccessExpressionSyntax ma && ma.Name == name ? ma
            : name.Parent is MemberBindingExpressionSyntax mb ? mb
            : name;
        return expr.Parent is InvocationExpressionSyntax inv && inv.Expression == expr ? inv : null;
    }

    public static bool StartsUpper(string name) => name.Length > 0 && char.IsUpper(name[0]);

    public static bool IsKind(this SyntaxToken token, params SyntaxKind[] kinds) => kinds.Contains(token.Kind());
}
