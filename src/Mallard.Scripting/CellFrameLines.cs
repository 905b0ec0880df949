using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Microsoft.CodeAnalysis;
using Mallard.Engine.Internal;

namespace Mallard.Engine.Scripting;

/// <summary>
/// The cell's line numbers for the frames of a failure in code loaded without its symbols (<see cref="DetachedSubmission"/>):
/// the submission's symbols are written when it fails, and each frame in its code is looked up by method and IL offset, as
/// the runtime looks up frames whose symbols it has. The lines go with the exception, for <see cref="ErrorFormatter"/>.
/// </summary>
/// <remarks>
/// The same compilation emits the same methods with the same IL, so the symbols written afterwards describe the code that
/// ran. The frames are read from the exception itself, which keeps them across every await it went through.
/// </remarks>
internal static class CellFrameLines
{
    /// <summary>Gives <paramref name="error"/> (and the exceptions inside it) the lines of their frames in <paramref name="cell"/>.</summary>
    public static void Attach(Exception error, Assembly cell, Compilation compilation)
    {
        if (compilation.ScriptClass?.MetadataName is not { } scriptClass) return;
        var exceptions = Chain(error).Where(e => InCell(e, cell)).ToList();
        if (exceptions.Count == 0) return;
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        try
        {
            if (!compilation.Emit(pe, pdb, options: DetachedSubmission.EmitOptions).Success) return;
            pdb.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb, MetadataStreamOptions.LeaveOpen);
            var symbols = provider.GetMetadataReader();
            foreach (var e in exceptions)
            {
                var lines = Frames(e).Where(f => f.GetMethod()?.Module.Assembly == cell).Select(f => Line(symbols, f));
                e.Data[ErrorFormatter.CellLinesKey] = new ErrorFormatter.CellLines(scriptClass, [.. lines]);
            }
        }
        catch (Exception e) when (e is BadImageFormatException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // No lines, then: the failure is reported without them.
        }
    }

    /// <summary>The line (one-based) of the statement at the frame's IL offset, or 0 when it has none.</summary>
    private static int Line(MetadataReader symbols, StackFrame frame)
    {
        var offset = frame.GetILOffset();
        if (offset == StackFrame.OFFSET_UNKNOWN) return 0;
        var handle = MetadataTokens.MethodDefinitionHandle(frame.GetMethod()!.MetadataToken & 0xFFFFFF);
        var line = 0;
        foreach (var point in symbols.GetMethodDebugInformation(handle).GetSequencePoints())
        {
            if (point.Offset > offset) break;
            if (!point.IsHidden) line = point.StartLine;
        }
        return line;
    }

    private static bool InCell(Exception e, Assembly cell) => Frames(e).Any(f => f.GetMethod()?.Module.Assembly == cell);

    private static StackFrame[] Frames(Exception e) => new StackTrace(e, fNeedFileInfo: false).GetFrames();

    /// <summary>The exception and those inside it, as <see cref="ErrorFormatter"/> may show them.</summary>
    private static IEnumerable<Exception> Chain(Exception error)
    {
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Exception>([error]);
        while (pending.TryPop(out var e))
        {
            if (!seen.Add(e)) continue;
            yield return e;
            if (e is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (e.InnerException is { } inner) pending.Push(inner);
        }
    }
}
