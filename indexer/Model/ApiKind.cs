namespace ApiTruth.Indexer.Model;

/// <summary>What an API is. Stored as a byte: append new values, never renumber.</summary>
internal enum ApiKind : byte
{
    Class = 1,
    Struct = 2,
    Interface = 3,
    Enum = 4,
    Delegate = 5,
    Method = 10,
    Constructor = 11,
    Property = 12,
    Indexer = 13,
    Field = 14,
    Const = 15,
    Event = 16,
    Operator = 17,
    Conversion = 18,
    Finalizer = 19,
    /// <summary>An enum member (a constant field of an enum type).</summary>
    EnumValue = 20,
}

internal static class ApiKindExtensions
{
    public static bool IsType(this ApiKind kind) => kind is >= ApiKind.Class and <= ApiKind.Delegate;

    /// <summary>The lower-case word used in output and JSON.</summary>
    public static string ToWord(this ApiKind kind) => kind switch
    {
        ApiKind.Class => "class",
        ApiKind.Struct => "struct",
        ApiKind.Interface => "interface",
        ApiKind.Enum => "enum",
        ApiKind.Delegate => "delegate",
        ApiKind.Method => "method",
        ApiKind.Constructor => "constructor",
        ApiKind.Property => "property",
        ApiKind.Indexer => "indexer",
        ApiKind.Field => "field",
        ApiKind.Const => "const",
        ApiKind.Event => "event",
        ApiKind.Operator => "operator",
        ApiKind.Conversion => "conversion",
        ApiKind.Finalizer => "finalizer",
        ApiKind.EnumValue => "enum value",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
