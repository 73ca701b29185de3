using System.Globalization;
using System.Text;

namespace ApiTruth.Indexer.Extraction;

/// <summary>Writes metadata constants as C# source would: <c>null</c>, <c>"a\n"</c>, <c>'x'</c>, <c>1.5F</c>, <c>10UL</c>.</summary>
internal static class CSharpLiteral
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => String(s),
        char c => Char(c),
        sbyte or byte or short or ushort or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
        float f => Single(f),
        double d => Double(d),
        decimal m => Decimal(m),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "default",
    };

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "M";

    public static string DateTime(long ticks) => "new DateTime(" + ticks.ToString(CultureInfo.InvariantCulture) + ")";

    /// <summary>True for the boxed integral types that an enum constant is stored as.</summary>
    public static bool IsIntegral(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or char or bool;

    private static string Single(float f)
    {
        if (float.IsNaN(f)) return "float.NaN";
        if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
        return f.ToString("R", CultureInfo.InvariantCulture) + "F";
    }

    private static string Double(double d)
    {
        if (double.IsNaN(d)) return "double.NaN";
        if (double.IsPositiveInfinity(d)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(d)) return "double.NegativeInfinity";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // A bare integer would read as an int literal.
        return text.AsSpan().IndexOfAny('.', 'E') >= 0 ? text : text + ".0";
    }

    private static string String(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s) AppendEscaped(b, c, '"');
        return b.Append('"').ToString();
    }

    private static string Char(char c)
    {
        var b = new StringBuilder(4).Append('\'');
        AppendEscaped(b, c, '\'');
        return b.Append('\'').ToString();
    }

    private static void AppendEscaped(StringBuilder b, char c, char quote)
    {
        switch (c)
        {
            case '\\': b.Append("\\\\"); break;
            case '\0': b.Append("\\0"); break;
            case '\a': b.Append("\\a"); break;
            case '\b': b.Append("\\b"); break;
            case '\f': b.Append("\\f"); break;
            case '\n': b.Append("\\n"); break;
            case '\r': b.Append("\\r"); break;
            case '\t': b.Append("\\t"); break;
            case '\v': b.Append("\\v"); break;
            default:
                if (c == quote) b.Append('\\').Append(c);
                else if (char.IsControl(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\u0085')
                    b.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                else b.Append(c);
                break;
        }
    }
}
