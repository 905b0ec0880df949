namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// The .NET SDK on this machine, which restores a cell's packages and holds .NET's reference documentation. A process on the
/// shared framework runs inside the SDK's installation; the self-contained tool runs on its own copy of .NET and finds the
/// SDK the way a user's shell does.
/// </summary>
internal static class DotnetSdk
{
    private static readonly string Executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>
    /// The dotnet that runs this process (DOTNET_HOST_PATH, which dotnet sets for what it starts), else the one in
    /// DOTNET_ROOT, else the one on PATH; null when there is none.
    /// </summary>
    public static string? Host()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, Executable))) return Path.Combine(root, Executable);
        return OnPath();
    }

    /// <summary>
    /// The installation folders of .NET, most likely first and each once: the one this process runs on (when it runs on the
    /// shared framework), DOTNET_ROOT, and that of the dotnet <see cref="Host"/> names.
    /// </summary>
    public static IReadOnlyList<string> Roots()
    {
        var roots = new List<string>();
        // .../shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtime is not null && Path.GetFileName(Path.GetDirectoryName(runtime)) == "Microsoft.NETCore.App") Add(roots, Path.Combine(runtime, "..", "..", ".."));
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) Add(roots, root);
        if (Host() is { } host) Add(roots, Path.GetDirectoryName(Resolve(host)));
        return roots;
    }

    private static void Add(List<string> roots, string? folder)
    {
        if (folder is null || !Directory.Exists(folder)) return;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!roots.Contains(full, StringComparer.Ordinal)) roots.Add(full);
    }

    /// <summary>The file a link (such as /usr/bin/dotnet) finally points at.</summary>
    private static string Resolve(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    private static string? OnPath()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, Executable);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
