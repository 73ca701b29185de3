using ApiTruth.History.Query;

namespace ApiTruth.History.Diff;

/// <summary>Turns doc-ID type text (<c>System.Threading.Tasks.Task{System.Object}</c>) into short C# (<c>Task&lt;object&gt;</c>) for change descriptions.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool",
        ["System.Byte"] = "byte",
        ["System.SByte"] = "sbyte",
        ["System.Char"] = "char",
        ["System.Decimal"] = "decimal",
        ["System.Double"] = "double",
        ["System.Single"] = "float",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Object"] = "object",
        ["System.String"] = "string",
        ["System.Void"] = "void",
    };

    public static string ToCSharp(string? docIdType)
    {
        if (string.IsNullOrEmpty(docIdType)) return "void";
        var text = docIdType.StartsWith("T:", StringComparison.Ordinal) ? docIdType[2..] : docIdType;
        try
        {
            var parsed = DocIdType.ParseParameters($"M:X({text})");
            return parsed.Count == 1 ? Render(parsed[0]) : text;
        }
        catch (FormatException)
        {
            return text;
        }
    }

    private static string Render(DocIdType type)
    {
        string name;
        if (type.GenericParameter is { } position) name = position == 0 ? "T" : $"T{position + 1}";
        else
        {
            var full = string.Join('.', type.Segments);
            if (Keywords.TryGetValue(full, out var keyword)) name = keyword;
            else if (full == "System.Nullable" && type.TypeArguments.Count == 1) name = Render(type.TypeArguments[0]) + "?";
            else
            {
                name = type.Segments.Count > 0 ? type.Segments[^1] : full;
                if (type.TypeArguments.Count > 0) name += "<" + string.Join(", ", type.TypeArguments.Select(Render)) + ">";
            }
        }
        name += new string('*', type.PointerDepth);
        foreach (var rank in type.ArrayRanks) name += "[" + new string(',', rank - 1) + "]";
        return type.IsByRef ? "ref " + name : name;
    }
}
