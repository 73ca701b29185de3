using System.Text.RegularExpressions;

namespace ApiTruth.Checker.Project;

/// <summary>MSBuild item globs (<c>**</c>, <c>*</c>, <c>?</c>) over a project folder, without bin/, obj/ and hidden folders, as the SDK's defaults exclude them.</summary>
internal static class ProjectGlob
{
    /// <summary>Full paths of the files under <paramref name="folder"/> that <paramref name="pattern"/> (relative or absolute, forward slashes) matches.</summary>
    public static IEnumerable<string> Expand(string folder, string pattern)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(folder, pattern).Replace('\\', '/');
        full = full.Replace('\\', '/');
        int wildcard = full.IndexOfAny(['*', '?']);
        if (wildcard < 0)
        {
            var file = Path.GetFullPath(full);
            return File.Exists(file) ? [file] : [];
        }
        var baseDir = full[..full[..wildcard].LastIndexOf('/')];
        if (!Directory.Exists(baseDir)) return [];
        var regex = ToRegex(Path.GetFullPath(baseDir).Replace('\\', '/').TrimEnd('/') + full[baseDir.Length..]);
        return Files(Path.GetFullPath(baseDir)).Where(f => regex.IsMatch(f.Replace('\\', '/')));
    }

    /// <summary>Every file under a folder, skipping bin/, obj/ and folders whose name starts with a dot.</summary>
    public static IEnumerable<string> Files(string folder)
    {
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> files, dirs;
            try
            {
                files = Directory.EnumerateFiles(dir).ToList();
                dirs = Directory.EnumerateDirectories(dir).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // an unreadable folder holds nothing we could check
            }
            foreach (var f in files) yield return f;
            foreach (var d in dirs)
            {
                var name = Path.GetFileName(d);
                if (name is "bin" or "obj" or "node_modules" || name.StartsWith('.')) continue;
                pending.Push(d);
            }
        }
    }

    private static Regex ToRegex(string glob)
    {
        var sb = new System.Text.StringBuilder("^");
        for (int i = 0; i < glob.Length; i++)
        {
            char c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                // "**/" matches zero or more folders
                bool slash = i + 2 < glob.Length && glob[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') sb.Append("[^/]*");
            else if (c == '?') sb.Append("[^/]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        sb.Append('$');
        return new Regex(sb.ToString(), OperatingSystem.IsWindows() ? RegexOptions.IgnoreCase : RegexOptions.None);
    }
}
