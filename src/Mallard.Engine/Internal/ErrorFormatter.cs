using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Mallard.DuckDb;
using Mallard.Engine.Magics;

namespace Mallard.Engine.Internal;

/// <summary>Turns failures into <see cref="CellError"/>s whose positions are in the cell's own numbering, with the offending line and a caret.</summary>
internal static partial class ErrorFormatter
{
    public static CellError Magic(MagicException e, string cell)
    {
        var lines = new List<string> { "MagicError: " + e.Message };
        AddContext(lines, cell, e.Line, e.Column);
        return new CellError(CellErrorKind.Magic, "MagicError", e.Message, lines, e.Line + 1, e.Column + 1);
    }

    /// <summary>A SQL error; <paramref name="bodyOffset"/> is where the SQL starts in <paramref name="cell"/>.</summary>
    public static CellError Sql(DuckDbException e, string cell, int bodyOffset)
    {
        var name = e.ErrorType is DuckDbErrorType.Invalid ? "SqlError" : e.ErrorType + "Error";
        var all = e.Message.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // DuckDB's first line repeats the error class ("Binder Error: ..."), which the name already says.
        var first = DuckDbClassPrefix().Replace(all[0], "", 1);
        // The lines after it up to DuckDB's own context (LINE n: ...) carry its help: candidate bindings, "Did you mean".
        var help = all.Skip(1).TakeWhile(l => !l.StartsWith("LINE ", StringComparison.Ordinal)).Where(l => l.Trim().Length > 0).ToList();
        var message = string.Join("\n", [first, .. help]);
        var lines = new List<string> { name + ": " + first };
        lines.AddRange(help);
        int? line = null, column = null;
        if (e.Position is { } position)
        {
            var absolute = Math.Clamp(bodyOffset + position, 0, cell.Length);
            (line, column) = LineColumn(cell, absolute);
            AddContext(lines, cell, line.Value, column.Value);
            line++;
            column++;
        }
        else
        {
            // DuckDB's own context (LINE n: ...) when it gave no position we can map.
            lines.AddRange(all.SkipWhile(l => !l.StartsWith("LINE ", StringComparison.Ordinal)).Where(l => l.Length > 0));
        }
        return new CellError(CellErrorKind.Sql, name, message, lines, line, column);
    }

    /// <summary>A SQL error from another ADO.NET provider.</summary>
    public static CellError Sql(System.Data.Common.DbException e) =>
        new(CellErrorKind.Sql, "SqlError", e.Message, ["SqlError: " + e.Message]);

    public static CellError Parameter(string name, int absolute, string cell)
    {
        var message = $"The SQL parameter ${name} has no value: there is no C# variable named '{name}'. Declare it in a C# cell (var {name} = ...;) before running this one.";
        var (line, column) = LineColumn(cell, absolute);
        var lines = new List<string> { "ParameterError: " + message };
        AddContext(lines, cell, line, column);
        return new CellError(CellErrorKind.Sql, "ParameterError", message, lines, line + 1, column + 1);
    }

    public static CellError Runtime(Exception e, int lineOffset)
    {
        e = Unwrap(e);
        var lines = new List<string> { $"{e.GetType().FullName}: {e.Message}" };
        lines.AddRange(UserFrames(e, lineOffset));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            lines.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        }
        var kind = e is DuckDbException ? CellErrorKind.Sql : CellErrorKind.Runtime;
        return new CellError(kind, e.GetType().Name, e.Message, lines);
    }

    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    e = aggregate.InnerExceptions[0];
                    continue;
                default:
                    return e;
            }
        }
    }

    /// <summary>
    /// The key under which an exception's <see cref="Exception.Data"/> carries a <see cref="CellLines"/>: the lines of its frames
    /// in a cell whose code was loaded without symbols, frames the runtime shows without a line.
    /// </summary>
    internal const string CellLinesKey = "Mallard.CellLines";

    /// <summary>The lines (one-based, 0 for none) of the frames in the cell whose script class is <paramref name="ScriptClass"/>, in the order the stack trace lists them.</summary>
    internal sealed record CellLines(string ScriptClass, IReadOnlyList<int> Lines);

    /// <summary>Stack frames up to the last one in cell code; engine and Roslyn frames below it are trimmed. Cell line numbers are the cell's own.</summary>
    private static IEnumerable<string> UserFrames(Exception e, int lineOffset)
    {
        var frames = (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => f.TrimEnd('\r')).ToList();
        if (e.Data[CellLinesKey] is CellLines located) frames = WithCellLines(frames, located);
        var last = frames.FindLastIndex(f => f.Contains("Submission#", StringComparison.Ordinal));
        if (last < 0) return frames.Where(f => !f.Contains("Mallard.Engine", StringComparison.Ordinal));
        return frames.Take(last + 1)
            .Where(f => !f.StartsWith("--- End of stack trace", StringComparison.Ordinal) && !f.Contains("System.Runtime.CompilerServices", StringComparison.Ordinal))
            .Select(f => RewriteFrame(f, lineOffset));
    }

    /// <summary>The frames, with the line <paramref name="located"/> gives added to each frame in its cell that has none.</summary>
    private static List<string> WithCellLines(List<string> frames, CellLines located)
    {
        var inCell = "at " + located.ScriptClass + ".";
        var next = 0;
        return [.. frames.Select(frame =>
        {
            if (!frame.Contains(inCell, StringComparison.Ordinal) || next >= located.Lines.Count) return frame;
            var line = located.Lines[next++];
            return line == 0 || CellLocation().IsMatch(frame) ? frame : $"{frame} in cell.csx:line {line.ToString(CultureInfo.InvariantCulture)}";
        })];
    }

    private static string RewriteFrame(string frame, int lineOffset)
    {
        var text = SubmissionInitialize().Replace(frame, "<cell>");
        text = SubmissionPrefix().Replace(text, "");
        return CellLocation().Replace(text, m =>
        {
            var line = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + lineOffset;
            return "in cell: line " + line.ToString(CultureInfo.InvariantCulture);
        });
    }

    public static (int Line, int Column) LineColumn(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            line++;
            lineStart = i + 1;
        }
        return (line, offset - lineStart);
    }

    /// <summary>Adds the cell's line <paramref name="line"/> (zero-based) with a caret under <paramref name="column"/>.</summary>
    internal static void AddContext(List<string> lines, string cell, int line, int? column)
    {
        var all = cell.Split('\n');
        if (line < 0 || line >= all.Length) return;
        var prefix = $"  line {line + 1} | ";
        lines.Add(prefix + all[line]);
        if (column is { } c) lines.Add(new string(' ', prefix.Length + Math.Clamp(c, 0, all[line].Length)) + "^");
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error: ")]
    private static partial Regex DuckDbClassPrefix();

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>d__\d+\.MoveNext\(\)")]
    private static partial Regex SubmissionInitialize();

    [GeneratedRegex(@"Submission#\d+\.")]
    private static partial Regex SubmissionPrefix();

    [GeneratedRegex(@"in \S*cell\.csx:line (\d+)")]
    private static partial Regex CellLocation();
}
