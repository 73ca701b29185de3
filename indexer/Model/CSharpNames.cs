namespace ApiTruth.Indexer.Model;

/// <summary>
/// The C# spellings the extractor writes into Display and the index rebuilds Display with: one table for both, so
/// a rebuilt display can only differ from the extracted one where the stored difference says so.
/// </summary>
internal static class CSharpNames
{
    /// <summary>The keyword of a System type's simple name (Int32 is int), or null.</summary>
    public static string? Keyword(string name) => name switch
    {
        "Void" => "void",
        "Boolean" => "bool",
        "Char" => "char",
        "SByte" => "sbyte",
        "Byte" => "byte",
        "Int16" => "short",
        "UInt16" => "ushort",
        "Int32" => "int",
        "UInt32" => "uint",
        "Int64" => "long",
        "UInt64" => "ulong",
        "Single" => "float",
        "Double" => "double",
        "Decimal" => "decimal",
        "String" => "string",
        "Object" => "object",
        _ => null,
    };

    /// <summary>The operator token of a special method name (op_Addition is +); other names unchanged.</summary>
    public static string OperatorToken(string name) => name switch
    {
        "op_Addition" => "+",
        "op_Subtraction" => "-",
        "op_Multiply" => "*",
        "op_Division" => "/",
        "op_Modulus" => "%",
        "op_BitwiseAnd" => "&",
        "op_BitwiseOr" => "|",
        "op_ExclusiveOr" => "^",
        "op_LeftShift" => "<<",
        "op_RightShift" => ">>",
        "op_UnsignedRightShift" => ">>>",
        "op_Equality" => "==",
        "op_Inequality" => "!=",
        "op_LessThan" => "<",
        "op_GreaterThan" => ">",
        "op_LessThanOrEqual" => "<=",
        "op_GreaterThanOrEqual" => ">=",
        "op_UnaryPlus" => "+",
        "op_UnaryNegation" => "-",
        "op_LogicalNot" => "!",
        "op_OnesComplement" => "~",
        "op_Increment" or "op_IncrementAssignment" => "++",
        "op_Decrement" or "op_DecrementAssignment" => "--",
        "op_True" => "true",
        "op_False" => "false",
        "op_CheckedAddition" => "checked +",
        "op_CheckedSubtraction" => "checked -",
        "op_CheckedMultiply" => "checked *",
        "op_CheckedDivision" => "checked /",
        "op_CheckedUnaryNegation" => "checked -",
        "op_CheckedIncrement" or "op_CheckedIncrementAssignment" => "checked ++",
        "op_CheckedDecrement" or "op_CheckedDecrementAssignment" => "checked --",
        "op_AdditionAssignment" => "+=",
        "op_SubtractionAssignment" => "-=",
        "op_MultiplicationAssignment" => "*=",
        "op_DivisionAssignment" => "/=",
        "op_ModulusAssignment" => "%=",
        "op_BitwiseAndAssignment" => "&=",
        "op_BitwiseOrAssignment" => "|=",
        "op_ExclusiveOrAssignment" => "^=",
        "op_LeftShiftAssignment" => "<<=",
        "op_RightShiftAssignment" => ">>=",
        "op_UnsignedRightShiftAssignment" => ">>>=",
        "op_CheckedAdditionAssignment" => "checked +=",
        "op_CheckedSubtractionAssignment" => "checked -=",
        "op_CheckedMultiplicationAssignment" => "checked *=",
        "op_CheckedDivisionAssignment" => "checked /=",
        _ => name,
    };
}
