using System.Text;

namespace Mallard.Engine.Internal;

/// <summary>
/// Captures <c>Console.Out</c>, <c>Console.Error</c> and <c>Console.In</c> for cells: installed once per process, it
/// sends what code writes to the cell that is running on that logical flow (an <see cref="AsyncLocal{T}"/>, so
/// tasks and threads started by the cell count too) and everything else to the real console.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly AsyncLocal<CellRun?> Current = new();
    [ThreadStatic] private static int _bypass;
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        Console.SetOut(new RoutedWriter(Console.Out, OutputStreamKind.Stdout));
        Console.SetError(new RoutedWriter(Console.Error, OutputStreamKind.Stderr));
        Console.SetIn(new RoutedReader(Console.In));
    }

    /// <summary>Routes console use on this flow to <paramref name="run"/> until disposed.</summary>
    public static IDisposable Enter(CellRun run)
    {
        var previous = Current.Value;
        Current.Value = run;
        return new Scope(() => Current.Value = previous);
    }

    /// <summary>Console use on this thread goes to the real console until disposed.</summary>
    public static IDisposable Bypass()
    {
        _bypass++;
        return new Scope(() => _bypass--);
    }

    private static CellRun? Target => _bypass > 0 ? null : Current.Value;

    private sealed class Scope(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }

    private sealed class RoutedWriter(TextWriter real, OutputStreamKind stream) : TextWriter
    {
        public override Encoding Encoding => real.Encoding;

        public override IFormatProvider FormatProvider => real.FormatProvider;

        public override void Write(char value)
        {
            if (Target is { } run) run.Write(stream, value.ToString());
            else real.Write(value);
        }

        public override void Write(string? value)
        {
            if (value is null) return;
            if (Target is { } run) run.Write(stream, value);
            else real.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            if (Target is { } run) run.Write(stream, new string(buffer, index, count));
            else real.Write(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            if (Target is { } run) run.Write(stream, (value ?? "") + new string(CoreNewLine));
            else real.WriteLine(value);
        }

        public override void Flush()
        {
            if (Target is { } run) run.Flush();
            else real.Flush();
        }
    }

    private sealed class RoutedReader(TextReader real) : TextReader
    {
        public override string? ReadLine()
        {
            if (Target is not { } run) return real.ReadLine();
            var line = run.ReadLine("", password: false);
            // An interrupt ends the wait for input (the front end answers null), and with it the cell.
            run.CancellationToken.ThrowIfCancellationRequested();
            return line ?? throw new InvalidOperationException("Console input is not available here: the front end does not allow reading input (stdin) for this cell.");
        }

        public override int Read()
        {
            if (Target is null) return real.Read();
            throw new NotSupportedException("Console.Read() is not supported in a cell; use Console.ReadLine().");
        }

        public override int Peek() => Target is null ? real.Peek() : -1;
    }
}
