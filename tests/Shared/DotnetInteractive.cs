using System.Globalization;
using Mallard.Warehouse;

namespace Mallard.Tests;

/// <summary>
/// The real .NET Interactive tool (what Polyglot Notebooks runs) and Mallard.Interactive packed as users get it, for the
/// tests that load the extension in it. The tool is installed by <c>.ci/run</c> into the repository's <c>.tools</c> folder;
/// the package is packed from the tests' own build into a private folder, at a version no other run uses (the NuGet cache
/// keeps the first package of each version), and that version is removed from the cache when the tests end.
/// </summary>
internal sealed class DotnetInteractive : IDisposable
{
    public const string ToolVersion = "1.0.712001";

    private readonly string _root;

    private DotnetInteractive(string root, string tool, string feed, string version)
    {
        _root = root;
        Tool = tool;
        Feed = feed;
        PackageVersion = version;
    }

    /// <summary>The dotnet-interactive executable.</summary>
    public string Tool { get; }

    /// <summary>The folder holding the packed Mallard.Interactive (what <c>#i "nuget: FEED"</c> names).</summary>
    public string Feed { get; }

    /// <summary>The version of the packed Mallard.Interactive.</summary>
    public string PackageVersion { get; }

    /// <summary>The two lines a notebook starts with to load Mallard from <see cref="Feed"/>.</summary>
    public string LoadLines => $"#i \"nuget: {Feed}\"\n#r \"nuget: Mallard.Interactive, {PackageVersion}\"";

    /// <summary>Finds the tool and packs the extension into <paramref name="root"/>; a missing tool fails saying how to install it.</summary>
    public static DotnetInteractive Prepare(string root)
    {
        var repository = WarehouseLocation.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"The tests run from inside the repository; no Kernel.sln above {AppContext.BaseDirectory}.");
        var tool = Environment.GetEnvironmentVariable("MALLARD_DOTNET_INTERACTIVE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(repository, ".tools", OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive");
        Assert.True(File.Exists(tool),
            $"The .NET Interactive tool was not found at {tool}. Install it as CI does: " +
            $"dotnet tool install Microsoft.dotnet-interactive --version {ToolVersion} --tool-path {Path.Combine(repository, ".tools")}");

        var feed = Path.Combine(root, "feed");
        Directory.CreateDirectory(feed);
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        // The tests run from bin/CONFIGURATION/TFM/.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent?.Name ?? "Debug";
        // --no-build: the tests' build is packed as it is; building again here could rewrite assemblies other tests have loaded.
        var (code, stdout, stderr) = ChildProcess.Run("dotnet", new Dictionary<string, string>(), TimeSpan.FromMinutes(5), "pack", Path.Combine(repository, "src", "Mallard.Interactive", "Mallard.Interactive.csproj"),
            "--no-build", "-c", configuration, "-o", feed, "-p:PackageVersion=" + version);
        var package = Path.Combine(feed, $"Mallard.Interactive.{version}.nupkg");
        Assert.True(code == 0 && File.Exists(package), $"dotnet pack of Mallard.Interactive failed:\n{stdout}{stderr}");
        return new DotnetInteractive(root, tool, feed, version);
    }

    /// <summary>A Jupyter data folder with the tool's C# kernelspec (<c>.net-csharp</c>), for JUPYTER_PATH.</summary>
    public string InstallKernelSpec()
    {
        var share = Path.Combine(_root, "jupyter");
        var spec = Path.Combine(share, "kernels", ".net-csharp");
        Directory.CreateDirectory(spec);
        var argv = System.Text.Json.JsonSerializer.Serialize(new[] { Tool, "jupyter", "--default-kernel", "csharp", "{connection_file}" });
        File.WriteAllText(Path.Combine(spec, "kernel.json"),
            "{\"argv\": " + argv + ", \"display_name\": \".NET (C#)\", \"language\": \"C#\"}");
        return share;
    }

    /// <summary>Removes this run's package from the NuGet cache (nothing else there is touched).</summary>
    public void Dispose()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(cache, "mallard.interactive", PackageVersion.ToLowerInvariant());
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Still in use by a kernel that has not exited yet: left for the cache's own cleanup.
        }
    }
}
