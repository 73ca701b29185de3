namespace ApiTruth.Checker.Input;

/// <summary>The input cannot be checked (binary file, malformed directive, unknown package, …): exit code 2, one line.</summary>
internal sealed class InputException(string message) : Exception(message);
