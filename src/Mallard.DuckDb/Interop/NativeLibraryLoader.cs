using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>
/// Finds and loads libduckdb once, through one resolver for this assembly, and checks its version.
/// Nothing here runs in a static constructor: a failure surfaces as a <see cref="DuckDbLibraryException"/>
/// that says what was wanted and every path tried.
/// </summary>
internal static class NativeLibraryLoader
{
    public const string OverrideVariable = "MALLARD_DUCKDB_LIBRARY";

    private static readonly Lock Gate = new();
    private static nint s_library;
    private static DuckDbLibraryException? s_failure;

    /// <summary>The version the build pinned, for example <c>v1.5.6</c>.</summary>
    public static string ExpectedVersion { get; } = Metadata("MallardDuckDbLibraryVersion") ?? "unknown";

    /// <summary>The version of DuckDB.NET.Bindings.Full whose native libraries are the same DuckDB (for the package route).</summary>
    private static string? NuGetVersion { get; } = Metadata("MallardDuckDbNuGetVersion"); // Before Package, which reads it.

    /// <summary>The NuGet package the library comes from, for messages.</summary>
    public static string Package { get; } = "DuckDB.NET.Bindings.Full " + NuGetVersion;

    /// <summary>The file that was loaded, once loaded.</summary>
    public static string? LoadedPath { get; private set; }

    public static string FileName =>
        OperatingSystem.IsWindows() ? "duckdb.dll" : OperatingSystem.IsMacOS() ? "libduckdb.dylib" : "libduckdb.so";

#pragma warning disable CA2255 // The resolver must be in place before any DuckDB call in this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RegisterResolver() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    /// <summary>Loads the library and checks its version, once; throws the same clear error every time it cannot.</summary>
    public static void EnsureLoaded()
    {
        if (s_library != nint.Zero) return;
        lock (Gate)
        {
            if (s_library != nint.Zero) return;
            if (s_failure is not null) throw s_failure;
            try
            {
                var library = Load();
                CheckVersion(library);
                s_library = library;
            }
            catch (DuckDbLibraryException e)
            {
                s_failure = e;
                throw;
            }
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library) return nint.Zero;
        EnsureLoaded();
        return s_library;
    }

    private static nint Load()
    {
        var tried = new List<string>();
        foreach (var candidate in Candidates())
        {
            if (!File.Exists(candidate))
            {
                tried.Add($"{candidate} (not there)");
                continue;
            }
            try
            {
                var library = NativeLibrary.Load(candidate);
                LoadedPath = candidate;
                return library;
            }
            catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
            {
                tried.Add($"{candidate} ({e.Message.Trim()})");
            }
        }
        throw new DuckDbLibraryException(
            $"Mallard could not load the native DuckDB library ({FileName} {ExpectedVersion} for {RuntimeInformation.RuntimeIdentifier}). " +
            $"Tried:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", tried) + Environment.NewLine +
            $"Rebuild Mallard (the build takes it from the NuGet package {Package}), or set {OverrideVariable} to the path of the library.");
    }

    private static IEnumerable<string> Candidates()
    {
        var overridePath = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            // An explicit choice is the only candidate: silently loading another copy would hide the mistake.
            yield return Path.GetFullPath(overridePath);
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in Places())
        {
            var full = Path.GetFullPath(candidate);
            if (seen.Add(full)) yield return full;
        }
    }

    /// <summary>
    /// Beside the assembly and the application (a build copies the library there); under <c>runtimes/RID/native</c> of either
    /// (an application published for several platforms); and, when Mallard runs from a NuGet package (the .NET Interactive
    /// extension), in the package folder of DuckDB.NET.Bindings.Full, which the package depends on for its native libraries.
    /// </summary>
    private static IEnumerable<string> Places()
    {
        var assemblyDirectory = Path.GetDirectoryName(typeof(NativeLibraryLoader).Assembly.Location);
        string[] directories = [.. new[] { assemblyDirectory, AppContext.BaseDirectory }.Where(d => !string.IsNullOrEmpty(d)).Select(d => d!)];
        foreach (var dir in directories) yield return Path.Combine(dir, FileName);
        foreach (var rid in RuntimeIds())
            foreach (var dir in directories)
                yield return Path.Combine(dir, "runtimes", rid, "native", FileName);
        if (NuGetVersion is not { } version) yield break;
        var roots = new List<string>();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured) roots.Add(configured);
        // A package's assembly lies in ROOT/ID/VERSION/lib/TFM/.
        if (assemblyDirectory is not null && Directory.GetParent(assemblyDirectory)?.Parent?.Parent?.Parent is { } packages) roots.Add(packages.FullName);
        roots.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"));
        foreach (var rid in RuntimeIds())
            foreach (var root in roots)
                yield return Path.Combine(root, "duckdb.net.bindings.full", version, "runtimes", rid, "native", FileName);
    }

    /// <summary>The runtime identifiers whose native folders fit this process, most specific first.</summary>
    private static IEnumerable<string> RuntimeIds()
    {
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows()) return [$"win-{arch}"];
        if (OperatingSystem.IsMacOS()) return [$"osx-{arch}", "osx"];
        var musl = File.Exists("/etc/alpine-release") ? "-musl" : "";
        return [$"linux{musl}-{arch}"];
    }


    private static unsafe void CheckVersion(nint library)
    {
        if (!NativeLibrary.TryGetExport(library, "duckdb_library_version", out var export))
            throw new DuckDbLibraryException($"{LoadedPath} is not a DuckDB library: it has no duckdb_library_version. Expected DuckDB {ExpectedVersion}.");
        var version = Marshal.PtrToStringUTF8((nint)((delegate* unmanaged<byte*>)export)()) ?? "";
        if (!string.Equals(version, ExpectedVersion, StringComparison.Ordinal))
            throw new DuckDbLibraryException(
                $"{LoadedPath} is DuckDB {version}, but Mallard was built for DuckDB {ExpectedVersion}. " +
                $"Rebuild Mallard, or point {OverrideVariable} at a DuckDB {ExpectedVersion} library.");
    }

    private static string? Metadata(string key) =>
        typeof(NativeLibraryLoader).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
