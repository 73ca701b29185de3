namespace ApiTruth.Launcher;

/// <summary>
/// A <c>history</c> or <c>find</c> command line in the plain form the launcher answers itself: the command, its
/// positional arguments, options given once as <c>--name value</c> or <c>--name=value</c>, and flags. Anything else
/// (help, response files, <c>--</c>, an unknown or repeated option, a flag given a value) is left to the full CLI, whose
/// parser is the reference: the launcher must never read a command line differently from it.
/// </summary>
internal sealed class QueryCommandLine
{
    private static readonly Dictionary<string, (string[] ValueOptions, string[] Flags)> Commands = new(StringComparer.Ordinal)
    {
        ["history"] = (["--framework", "--format", "--index"], ["--all-frameworks", "--prerelease", "--no-index"]),
        ["find"] = (["--limit", "--format", "--index"], ["--prerelease"]),
    };

    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> flags;

    private QueryCommandLine(string command, List<string> positionals, Dictionary<string, string> values, HashSet<string> flags)
    {
        Command = command;
        Positionals = positionals;
        this.values = values;
        this.flags = flags;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positionals { get; }

    public string? Value(string option) => values.GetValueOrDefault(option);

    public bool Flag(string flag) => flags.Contains(flag);

    /// <summary>The command line, or null when it is not in the plain form.</summary>
    public static QueryCommandLine? TryParse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !Commands.TryGetValue(args[0], out var syntax)) return null;
        var positionals = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length == 0 || arg.StartsWith('@')) return null;
            if (!arg.StartsWith('-'))
            {
                positionals.Add(arg);
                continue;
            }
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            if (Array.IndexOf(syntax.Flags, name) >= 0)
            {
                // "--prerelease false" or "--no-index=true" give a flag a value; the full parser decides what that means.
                if (equals > 0 || (i + 1 < args.Count && bool.TryParse(args[i + 1], out _))) return null;
                if (!flags.Add(name)) return null;
                continue;
            }
            if (Array.IndexOf(syntax.ValueOptions, name) < 0) return null;
            string value;
            if (equals > 0) value = arg[(equals + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else return null;
            if (value.Length == 0 || value.StartsWith('-') || !values.TryAdd(name, value)) return null;
        }
        return new QueryCommandLine(args[0], positionals, values, flags);
    }
}
