using ApiTruth.Checker.Binding;

namespace ApiTruth.Cli.HandOff;

/// <summary>
/// The native front reached a step only the full CLI can take. It derives from <see cref="Exception"/> alone so that no
/// handler for an ordinary failure (I/O, JSON, invalid operation) takes it for one.
/// </summary>
/// <param name="step">What needs the full CLI ("indexing", "project mode", …), for the trace.</param>
/// <param name="stdin">What the command already read from standard input, which the full CLI must read again.</param>
internal sealed class HandOffException(string step, byte[]? stdin = null) : Exception($"{step} needs the full CLI")
{
    public string Step { get; } = step;

    public byte[]? Stdin { get; } = stdin;

    public HandOffException WithStdin(byte[] bytes) => new(Step, bytes);

    /// <summary>The hand-off an exception asks for, also when tasks wrapped it: a library's own "needs the JIT" too.</summary>
    public static HandOffException? Find(Exception e) => e switch
    {
        HandOffException handOff => handOff,
        GeneratorsNeedJitException => new HandOffException("running source generators"),
        AggregateException aggregate => aggregate.InnerExceptions.Select(Find).FirstOrDefault(h => h is not null),
        _ => null,
    };
}
