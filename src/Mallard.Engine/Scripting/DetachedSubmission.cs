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
/// into a collectible load context of its own, so that once it has run and nothing holds what it made, its code is
/// unloaded. Roslyn scripting loads every submission for good, which costs about 60 KiB of native memory per cell;
/// a cell that leaves nothing for later cells need not pay that.
/// </summary>
/// <remarks>
/// A submission's entry point takes the array of the chain's submission objects (the globals first), which scripting
/// keeps to itself; it is read here through Roslyn's internal <c>ScriptState.ExecutionState</c>. When that is not
/// there (another Roslyn), or the submission uses an assembly this process cannot find without scripting's own
/// loader (a <c>#r</c> reference no cell has used yet), <see cref="TryRunAsync"/> declines and the caller runs the
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

    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.PortablePdb);

    /// <summary>True when this Roslyn exposes what a detached run needs.</summary>
    public static bool IsAvailable => CountProperty is not null && GetStateMethod is not null;

    /// <summary>
    /// Compiles <paramref name="compilation"/> (a continuation of <paramref name="previous"/>'s chain) and runs it on
    /// the chain's submission objects. Returns null, having run nothing, when it cannot run detached.
    /// </summary>
    /// <exception cref="CompilationErrorException">The submission does not compile.</exception>
    public static async Task<(object? Value, Exception? Error)?> TryRunAsync(Compilation compilation, ScriptState previous, CancellationToken cancellationToken)
    {
        if (SubmissionStates(previous) is not { } states) return null;

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: EmitOptions, cancellationToken: cancellationToken);
        var errors = compilation.GetParseDiagnostics(cancellationToken).Concat(emitted.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (errors.Length > 0)
            throw new CompilationErrorException(CSharpDiagnosticFormatter.Instance.Format(errors[0], CultureInfo.CurrentCulture), errors);
        if (compilation.GetEntryPoint(cancellationToken) is not { } entryPoint) return null;

        pe.Position = 0;
        pdb.Position = 0;
        var context = new CellLoadContext();
        Func<object[], Task<object>> factory;
        try
        {
            var assembly = context.LoadFromStream(pe, pdb);
            if (!context.CanResolveReferencesOf(assembly))
            {
                context.Unload();
                return null;
            }
            var type = assembly.GetType(entryPoint.ContainingType.MetadataName, throwOnError: true, ignoreCase: false)!;
            var method = type.GetMethod(entryPoint.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
            factory = method.CreateDelegate<Func<object[], Task<object>>>();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or ArgumentException)
        {
            context.Unload();
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return (await factory(states).ConfigureAwait(false), null);
        }
        catch (Exception e)
        {
            return (null, e);
        }
        finally
        {
            // Unloading waits for the last reference to the cell's code (a delegate or object it left in a variable).
            context.Unload();
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
    /// One cell's code. Its references resolve to assemblies already loaded (earlier submissions, Mallard, anything a
    /// cell has used) or to those the application can load by name.
    /// </summary>
    private sealed class CellLoadContext() : AssemblyLoadContext("mallard-cell", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName) => Loaded(assemblyName);

        private static Assembly? Loaded(AssemblyName name)
        {
            var fullName = name.FullName;
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                if (!assembly.IsCollectible && string.Equals(assembly.FullName, fullName, StringComparison.Ordinal)) return assembly;
            }
            return null;
        }

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
