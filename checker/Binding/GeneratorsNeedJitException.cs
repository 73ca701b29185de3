namespace ApiTruth.Checker.Binding;

/// <summary>
/// The code needs source generators and this process cannot load them: it is the native (ahead-of-time) build, which
/// hands such a check to the full CLI. It derives from <see cref="Exception"/> alone so that no handler of an ordinary
/// failure takes it for one.
/// </summary>
internal sealed class GeneratorsNeedJitException() : Exception("source generators are loaded only by the full CLI (the JIT build)");
