using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace Mallard.Engine.Scripting;

/// <summary>
/// Runs a submission that declares nothing outside the chain of submissions: compiled like any other, but loaded
/// into a collectible load context (shared by <see cref="CellsPerContext"/> such cells), so that once nothing holds
/// what those cells made, their code is unloaded. Roslyn scripting loads every submission for good, which costs
/// about 60 KiB of native memory per cell; a cell that leaves nothing for later cells need not pay that.
/// </summary>
/// <remarks>
/// A submission's entry point takes the array of the chain's submission objects (the globals first), which scripting
/// keeps to itself; it is read here through Roslyn's internal <c>ScriptState.ExecutionState</c>. When that is not
/// there (another Roslyn), or the submission uses an assembly this process cannot find without scripting's own
/// loader (a <c>#r</c> reference no cell has used yet), <see cref="TryCompile"/> declines and the caller runs the
/// submission through scripting as usual.
/// </remarks>
internal static class DetachedSubmission
{
    private static readonly PropertyInfo? ExecutionStateProperty =
        typeof(ScriptState).GetProperty("ExecutionState", BindingFlags.Instance | BindingFlags.NonPublic);

    private static readonly PropertyInfo? CountProperty =
        ExecutionStateProperty?.PropertyType.GetProperty("SubmissionStateCount", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    private static readonly MethodInfo? GetStateMethod =
        ExecutionStateProperty?.PropertyType.GetMethod("GetSubmissionState", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(int)]);

    /// <summary>
    /// How many cells share a load context. Creating, loading into and unloading a collectible context has a cost of
    /// its own (about 3 ms a cell when each cell had one, a third of a trivial cell); sharing spreads it. A context is
    /// unloaded once it is full and nothing any of its cells made is in use.
    /// </summary>
    public const int CellsPerContext = 32;

    /// <summary>How a submission is emitted: with portable symbols when any are written (here, or by <see cref="CellFrameLines"/>).</summary>
    internal static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    /// <summary>
    /// Whether a cell's code is loaded with its symbols (a portable PDB). Writing them is about a fifth of a new cell's time:
    /// Roslyn puts a record of every metadata reference in each submission's PDB (10 KB for <c>1 + 1</c>). They serve one
    /// thing, the cell's line numbers in a failure's stack trace, and a failed cell gets those from symbols written then
    /// (<see cref="CellFrameLines"/>). Code kept to run again is loaded with its symbols, as it may fail on a later run.
    /// </summary>
    public static bool LoadsSymbols(bool own) => own;

    /// <summary>True when this Roslyn exposes what a detached run needs.</summary>
    public static bool IsAvailable => CountProperty is not null && GetStateMethod is not null;

    /// <summary>
    /// Compiles <paramref name="compilation"/> (a continuation of <paramref name="previous"/>'s chain) and loads it. Returns null,
    /// having run nothing, when it cannot run detached.
    /// </summary>
    /// <exception cref="CompilationErrorException">The submission does not compile.</exception>
    /// <param name="compilation">The submission.</param>
    /// <param name="previous">The chain it continues.</param>
    /// <param name="own">
    /// Loads it into a load context of its own, which <see cref="Release"/> lets go, instead of one shared with other cells:
    /// for code kept to run again, so that it keeps no other cell's code loaded.
    /// </param>
    /// <param name="cancellationToken">Cancels the compilation.</param>
    public static Func<object[], Task<object>>? TryCompile(Compilation compilation, ScriptState previous, bool own, CancellationToken cancellationToken)
    {
        if (SubmissionStates(previous) is null) return null;

        using var pe = new MemoryStream();
        using var pdb = LoadsSymbols(own) ? new MemoryStream() : null;
        var emitted = compilation.Emit(pe, pdb, options: EmitOptions, cancellationToken: cancellationToken);
        var errors = compilation.GetParseDiagnostics(cancellationToken).Concat(emitted.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (errors.Length > 0)
            throw new CompilationErrorException(CSharpDiagnosticFormatter.Instance.Format(errors[0], CultureInfo.CurrentCulture), errors);
        if (compilation.GetEntryPoint(cancellationToken) is not { } entryPoint) return null;

        pe.Position = 0;
        pdb?.Position = 0;
        var context = own ? new CellLoadContext() : CellLoadContext.Next();
        try
        {
            var assembly = context.LoadFromStream(pe, pdb);
            if (!context.CanResolveReferencesOf(assembly)) return null;
            var type = assembly.GetType(entryPoint.ContainingType.MetadataName, throwOnError: true, ignoreCase: false)!;
            var method = type.GetMethod(entryPoint.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
            return method.CreateDelegate<Func<object[], Task<object>>>();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Lets the code of a submission compiled into a context of its own be unloaded, once nothing it made is in use.</summary>
    public static void Release(Func<object[], Task<object>> factory)
    {
        if (AssemblyLoadContext.GetLoadContext(factory.Method.Module.Assembly) is CellLoadContext { IsCollectible: true } context) context.Unload();
    }

    /// <summary>
    /// Runs a submission <see cref="TryCompile"/> made against <paramref name="previous"/>'s chain (again, if it ran before:
    /// each run makes a submission object of its own) on the chain's submission objects.
    /// </summary>
    /// <param name="factory">The submission's entry point.</param>
    /// <param name="previous">The chain it was compiled against.</param>
    /// <param name="cancellationToken">Cancels the cell.</param>
    /// <param name="compilation">The submission, when it was loaded without its symbols: a failure's frames in its code get their lines from it.</param>
    public static async Task<(object? Value, Exception? Error)> RunAsync(Func<object[], Task<object>> factory, ScriptState previous, CancellationToken cancellationToken, Compilation? compilation = null)
    {
        var states = SubmissionStates(previous)!;
        if (cancellationToken.IsCancellationRequested) return (null, new OperationCanceledException(cancellationToken));
        try
        {
            return (await factory(states).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            if (compilation is not null && e is not OperationCanceledException) CellFrameLines.Attach(e, factory.Method.Module.Assembly, compilation);
            return (null, e);
        }
    }

    /// <summary>A copy of the chain's submission objects, with room for one more, or null when Roslyn does not expose them.</summary>
    private static object[]? SubmissionStates(ScriptState state)
    {
        if (!IsAvailable || ExecutionStateProperty!.GetValue(state) is not { } execution) return null;
        var count = (int)CountProperty!.GetValue(execution)!;
        var states = new object[count + 1];
        for (var i = 0; i < count; i++) states[i] = GetStateMethod!.Invoke(execution, [i])!;
        return states;
    }

    /// <summary>
    /// The code of some cells. Their references resolve to assemblies already loaded (earlier submissions, Mallard, anything a
    /// cell has used) or to those the application can load by name.
    /// </summary>
    private sealed class CellLoadContext() : AssemblyLoadContext("mallard-cell", isCollectible: true)
    {
        private static readonly Lock Gate = new();
        private static CellLoadContext? _current;
        private static int _cells;

        /// <summary>The context the next cell loads into.</summary>
        public static CellLoadContext Next()
        {
            lock (Gate)
            {
                if (_current is null || _cells == DetachedSubmission.CellsPerContext)
                {
                    _current?.Unload();
                    _current = new CellLoadContext();
                    _cells = 0;
                }
                _cells++;
                return _current;
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName) => Loaded(assemblyName);

        /// <summary>The process's assemblies that stay loaded, by full name; kept up to date as assemblies load.</summary>
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Assembly> Lasting = Track();

        private static System.Collections.Concurrent.ConcurrentDictionary<string, Assembly> Track()
        {
            var lasting = new System.Collections.Concurrent.ConcurrentDictionary<string, Assembly>(StringComparer.Ordinal);
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
            {
                if (!e.LoadedAssembly.IsCollectible && e.LoadedAssembly.FullName is { } name) lasting.TryAdd(name, e.LoadedAssembly);
            };
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!assembly.IsCollectible && assembly.FullName is { } name) lasting.TryAdd(name, assembly);
            }
            return lasting;
        }

        private static Assembly? Loaded(AssemblyName name) => Lasting.GetValueOrDefault(name.FullName);

        /// <summary>True when every assembly <paramref name="assembly"/> references is loaded or loadable by the application.</summary>
        public bool CanResolveReferencesOf(Assembly assembly)
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (Loaded(reference) is not null) continue;
                try
                {
                    Default.LoadFromAssemblyName(reference);
                }
                catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
