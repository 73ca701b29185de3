using ApiTruth.Indexer.Model;

namespace ApiTruth.History.Diff;

/// <summary>
/// Lists what differs between two variants of one doc ID. "Breaking" means a caller (or a derived class) that compiled
/// before may not compile now: a changed return type, static↔instance, a parameter that is no longer optional, a
/// renamed parameter (named arguments), [Obsolete(error: true)], a lost accessor, a new abstract member, and so on.
/// </summary>
internal static class ApiComparison
{
    private const ApiFlags Reported =
        ApiFlags.Static | ApiFlags.Abstract | ApiFlags.Virtual | ApiFlags.Sealed | ApiFlags.Protected | ApiFlags.Extension
        | ApiFlags.Obsolete | ApiFlags.ObsoleteError | ApiFlags.HasGetter | ApiFlags.HasSetter | ApiFlags.GetterProtected
        | ApiFlags.SetterProtected | ApiFlags.InitOnly | ApiFlags.Params;

    public static IReadOnlyList<ApiChange> Compare(ApiRecord before, ApiRecord after)
    {
        var changes = new List<ApiChange>();
        if (before.Kind != after.Kind)
            changes.Add(new("api-kind", $"was a {before.Kind.ToWord()}, now a {after.Kind.ToWord()}", true));
        if (before.ReturnType != after.ReturnType && !before.Kind.IsType())
            changes.Add(new("return-type", $"type {TypeNames.ToCSharp(before.ReturnType)} → {TypeNames.ToCSharp(after.ReturnType)}", true));
        Flag(changes, before, after, ApiFlags.Static, "static", "became static", "became an instance member", breakingWhenSet: true, breakingWhenCleared: true);
        ObsoleteChanges(changes, before, after);
        Flag(changes, before, after, ApiFlags.Abstract, "abstract", "became abstract", "is no longer abstract", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.Sealed, "sealed", "became sealed", "is no longer sealed", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.Virtual, "virtual", "became virtual", "is no longer virtual", breakingWhenSet: false, breakingWhenCleared: true);
        Flag(changes, before, after, ApiFlags.Protected, "accessibility", "became protected", "became public", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.Extension, "extension", "became an extension method", "is no longer an extension method", breakingWhenSet: false, breakingWhenCleared: true);
        Flag(changes, before, after, ApiFlags.HasGetter, "getter", "gained a getter", "lost its getter", breakingWhenSet: false, breakingWhenCleared: true);
        Flag(changes, before, after, ApiFlags.HasSetter, "setter", "gained a setter", "lost its setter", breakingWhenSet: false, breakingWhenCleared: true);
        Flag(changes, before, after, ApiFlags.GetterProtected, "getter", "getter became protected", "getter became public", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.SetterProtected, "setter", "setter became protected", "setter became public", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.InitOnly, "init-only", "setter became init-only", "setter is no longer init-only", breakingWhenSet: true, breakingWhenCleared: false);
        Flag(changes, before, after, ApiFlags.Params, "params", "last parameter became params", "last parameter is no longer params", breakingWhenSet: false, breakingWhenCleared: true);
        ParameterChanges(changes, before, after);
        if (before.GenericConstraints != after.GenericConstraints)
            changes.Add(new("constraints", $"constraints '{before.GenericConstraints ?? "none"}' → '{after.GenericConstraints ?? "none"}'", after.GenericConstraints is not null));
        if (before.BaseType != after.BaseType)
            changes.Add(new("base-type", $"base type {TypeNames.ToCSharp(before.BaseType)} → {TypeNames.ToCSharp(after.BaseType)}", true));
        var lost = before.InterfaceList.Except(after.InterfaceList).ToList();
        var gained = after.InterfaceList.Except(before.InterfaceList).ToList();
        if (lost.Count > 0) changes.Add(new("interfaces", "no longer implements " + string.Join(", ", lost.Select(TypeNames.ToCSharp)), true));
        if (gained.Count > 0) changes.Add(new("interfaces", "now implements " + string.Join(", ", gained.Select(TypeNames.ToCSharp)), false));
        var otherFlags = (before.Flags ^ after.Flags) & ~Reported;
        if (otherFlags != ApiFlags.None)
            changes.Add(new("flags", $"flags changed: {otherFlags}", false));
        if (changes.Count == 0 && before.Display != after.Display)
            changes.Add(new("signature", $"signature text {before.Display} → {after.Display}", false));
        return changes;
    }

    private static void ObsoleteChanges(List<ApiChange> changes, ApiRecord before, ApiRecord after)
    {
        var wasObsolete = before.Has(ApiFlags.Obsolete);
        var isObsolete = after.Has(ApiFlags.Obsolete);
        if (!wasObsolete && isObsolete)
        {
            var error = after.Has(ApiFlags.ObsoleteError);
            changes.Add(new("obsolete-added", (error ? "became [Obsolete] as an error" : "became [Obsolete]") + Message(after), error));
        }
        else if (wasObsolete && !isObsolete)
        {
            changes.Add(new("obsolete-removed", "is no longer [Obsolete]", false));
        }
        else if (wasObsolete && isObsolete)
        {
            if (!before.Has(ApiFlags.ObsoleteError) && after.Has(ApiFlags.ObsoleteError))
                changes.Add(new("obsolete-added", "[Obsolete] became an error" + Message(after), true));
            else if (before.ObsoleteMessage != after.ObsoleteMessage)
                changes.Add(new("obsolete-message", "[Obsolete] message changed" + Message(after), false));
        }
    }

    private static string Message(ApiRecord api) => api.ObsoleteMessage is { Length: > 0 } message ? $": \"{message}\"" : "";

    private static void ParameterChanges(List<ApiChange> changes, ApiRecord before, ApiRecord after)
    {
        var a = before.ParameterList;
        var b = after.ParameterList;
        // Same doc ID means same parameter types; only names, optionality and defaults can differ.
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var (old, now) = (a[i], b[i]);
            if (old.Name != now.Name)
                changes.Add(new("parameter-name", $"parameter '{old.Name}' renamed to '{now.Name}'", true));
            if (old.IsOptional && !now.IsOptional)
                changes.Add(new("parameter-optional", $"parameter '{now.Name}' is no longer optional", true));
            else if (!old.IsOptional && now.IsOptional)
                changes.Add(new("parameter-optional", $"parameter '{now.Name}' became optional (= {now.DefaultValue ?? "default"})", false));
            else if (old.IsOptional && now.IsOptional && old.DefaultValue != now.DefaultValue)
                changes.Add(new("parameter-default", $"parameter '{now.Name}' default {old.DefaultValue ?? "default"} → {now.DefaultValue ?? "default"}", false));
        }
    }

    private static void Flag(List<ApiChange> changes, ApiRecord before, ApiRecord after, ApiFlags flag, string kind, string whenSet, string whenCleared,
        bool breakingWhenSet, bool breakingWhenCleared)
    {
        var was = before.Has(flag);
        var now = after.Has(flag);
        if (!was && now) changes.Add(new(kind, whenSet, breakingWhenSet));
        else if (was && !now) changes.Add(new(kind, whenCleared, breakingWhenCleared));
    }
}
