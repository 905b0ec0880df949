namespace Mallard.Jupyter.Kernelspec;

/// <summary>The directories Jupyter searches for kernelspecs, in jupyter_core's order.</summary>
public static class KernelspecLocation
{
    /// <summary>
    /// The user's kernels directory: <c>$JUPYTER_DATA_DIR/kernels</c>, else <c>$XDG_DATA_HOME/jupyter/kernels</c>
    /// or <c>~/.local/share/jupyter/kernels</c> (Linux), <c>~/Library/Jupyter/kernels</c> (macOS), <c>%APPDATA%\jupyter\kernels</c> (Windows).
    /// </summary>
    public static string UserDirectory
    {
        get
        {
            var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
            if (!string.IsNullOrWhiteSpace(data)) return Path.Combine(data, "kernels");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (OperatingSystem.IsWindows())
                return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter", "kernels");
            if (OperatingSystem.IsMacOS()) return Path.Combine(home, "Library", "Jupyter", "kernels");
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            return Path.Combine(string.IsNullOrWhiteSpace(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter", "kernels");
        }
    }

    /// <summary>The kernels directory under an installation prefix: <c>PREFIX/share/jupyter/kernels</c>.</summary>
    public static string PrefixDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>Every directory searched, first match wins: <c>JUPYTER_PATH</c> entries, the user's, then the system's.</summary>
    public static IReadOnlyList<string> SearchDirectories()
    {
        var directories = new List<string>();
        var jupyterPath = Environment.GetEnvironmentVariable("JUPYTER_PATH");
        if (!string.IsNullOrWhiteSpace(jupyterPath))
        {
            foreach (var entry in jupyterPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                directories.Add(Path.Combine(entry, "kernels"));
        }
        directories.Add(UserDirectory);
        if (OperatingSystem.IsWindows())
        {
            directories.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "jupyter", "kernels"));
        }
        else
        {
            directories.Add("/usr/local/share/jupyter/kernels");
            directories.Add("/usr/share/jupyter/kernels");
        }
        return [.. directories.Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)];
    }
}
