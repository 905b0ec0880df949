using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// What restored packages bring, found when the runtime asks: their native libraries (<c>runtimes/RID/native</c>), for a
/// package's <c>[DllImport]</c>, and their assemblies, for a package built against an older version of a dependency than the
/// one restored (Plotly.NET asks for FSharp.Core 5.0 and gets the 10.1 the restore chose, as an application's build would
/// bind it). The runtime asks only when its own probing fails; cell code and package assemblies load in load contexts of
/// Roslyn's, so each context is hooked as an assembly first loads in it.
/// </summary>
internal static class PackageLoading
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Directories = [];
    private static readonly Dictionary<string, string> Assemblies = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConditionalWeakTable<AssemblyLoadContext, string> Hooked = [];
    private static bool s_watching;

    /// <summary>Adds what a restore brought: native folders, and assemblies by path.</summary>
    public static void Add(IEnumerable<string> nativeDirectories, IEnumerable<string> assemblies)
    {
        lock (Gate)
        {
            foreach (var directory in nativeDirectories)
                if (!Directories.Contains(directory, StringComparer.Ordinal)) Directories.Add(directory);
            foreach (var assembly in assemblies) Assemblies[Path.GetFileNameWithoutExtension(assembly)] = assembly;
            if ((Directories.Count == 0 && Assemblies.Count == 0) || s_watching) return;
            s_watching = true;
        }
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Hook(AssemblyLoadContext.GetLoadContext(e.LoadedAssembly));
        foreach (var context in AssemblyLoadContext.All) Hook(context);
    }

    private static void Hook(AssemblyLoadContext? context)
    {
        if (context is null) return;
        lock (Gate)
        {
            if (Hooked.TryGetValue(context, out _)) return;
            Hooked.Add(context, context.Name ?? "");
        }
        context.ResolvingUnmanagedDll += Resolve;
        context.Resolving += ResolveAssembly;
    }

    private static Assembly? ResolveAssembly(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null) return null;
        string? path;
        lock (Gate)
        {
            if (!Assemblies.TryGetValue(name.Name, out path)) return null;
        }
        // One copy: the one already loaded (the cell's reference to it loaded it), if it is at least the version asked for.
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
            string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Location, path, StringComparison.Ordinal)
            && (name.Version is null || a.GetName().Version >= name.Version));
        if (loaded is not null) return loaded;
        var available = AssemblyName.GetAssemblyName(path);
        return name.Version is null || available.Version >= name.Version ? context.LoadFromAssemblyPath(path) : null;
    }

    private static nint Resolve(Assembly assembly, string name)
    {
        string[] directories;
        lock (Gate) directories = [.. Directories];
        foreach (var directory in directories)
        {
            foreach (var file in Candidates(name))
            {
                var path = Path.Combine(directory, file);
                if (File.Exists(path) && NativeLibrary.TryLoad(path, out var handle)) return handle;
            }
        }
        return nint.Zero;
    }

    private static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        if (OperatingSystem.IsWindows())
        {
            yield return name + ".dll";
        }
        else
        {
            var extension = OperatingSystem.IsMacOS() ? ".dylib" : ".so";
            yield return name + extension;
            yield return "lib" + name + extension;
        }
    }
}
