namespace Mallard.Cli;

/// <summary>
/// Where this mallard is installed as a .NET tool. <c>dotnet tool install</c> unpacks a tool into
/// <c>TOOLS/.store/mallard/VERSION/...</c> and puts the command <c>TOOLS/mallard</c> beside the store (a link or a small
/// launcher); the running process sees the unpacked executable, whose path changes with every update of the tool.
/// </summary>
internal static class ToolLocation
{
    /// <summary>The folder of the tool's own files: the shipped notebooks are in its <c>shipped/</c>.</summary>
    public static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "shipped");

    /// <summary>
    /// The shipped notebooks and the helpers they load: a repository's (<paramref name="repositoryRoot"/>, when there is
    /// one) or else the copies inside the installed tool.
    /// </summary>
    public static (string Notebooks, string Helpers) Shipped(string? repositoryRoot)
    {
        var from = repositoryRoot ?? ShippedDirectory;
        return (Path.Combine(from, "notebooks"), Path.Combine(from, "helpers"));
    }

    /// <summary>
    /// The tool command that runs <paramref name="executable"/> when it was unpacked into a tool store, or null when it
    /// was not (a build of the repository, a published folder).
    /// </summary>
    public static string? CommandFor(string executable)
    {
        var name = Path.GetFileName(executable);
        for (var directory = Path.GetDirectoryName(executable); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (!string.Equals(Path.GetFileName(directory), ".store", StringComparison.Ordinal)) continue;
            var tools = Path.GetDirectoryName(directory);
            if (tools is null) return null;
            var command = Path.Combine(tools, name);
            return File.Exists(command) ? command : null;
        }
        return null;
    }
}
