using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Mallard.Engine.Scripting.Packages;

/// <summary>
/// Native libraries of restored packages (<c>runtimes/RID/native</c>): a package's <c>[DllImport]</c> finds them. The runtime
/// looks beside the assembly first; when that fails, every load context asks here (cell code and package assemblies load in
/// load contexts of Roslyn's, so each context is hooked as an assembly first loads in it).
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Directories = [];
    private static readonly ConditionalWeakTable<AssemblyLoadContext, string> Hooked = [];
    private static bool s_watching;

    public static void Add(IEnumerable<string> directories)
    {
        lock (Gate)
        {
            foreach (var directory in directories)
                if (!Directories.Contains(directory, StringComparer.Ordinal)) Directories.Add(directory);
            if (Directories.Count == 0 || s_watching) return;
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
