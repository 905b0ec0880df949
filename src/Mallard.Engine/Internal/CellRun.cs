using System.Text;
using Mallard.Display;

namespace Mallard.Engine.Internal;

/// <summary>
/// One running cell: serialises calls to the front end's <see cref="ICellOutput"/> (the cell's code, progress timers
/// and console writes may come from different threads), buffers console text by line so that output keeps its
/// order, and carries the cell's cancellation.
/// </summary>
internal sealed class CellRun
{
    private readonly ICellOutput _output;
    private readonly Lock _lock = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private bool _resultSent;

    public CellRun(ICellOutput output, CancellationToken cancellationToken)
    {
        _output = output;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Runs code in the language the cell is in at this point, or null for the session's default: after <c>#!sql-wh</c>,
    /// code that follows a later magic (<c>#!set</c>, <c>#!share</c>, <c>#!time</c>...) is still SQL on wh, as in Polyglot,
    /// where a kernel selector holds until the next one. Given the code and its offset in the cell.
    /// </summary>
    public Func<string, int, Task>? Language { get; set; }

    public void Write(OutputStreamKind stream, string text)
    {
        lock (_lock)
        {
            var buffer = stream == OutputStreamKind.Stdout ? _stdout : _stderr;
            buffer.Append(text);
            var lastNewline = LastIndexOf(buffer, '\n');
            if (lastNewline < 0) return;
            var complete = buffer.ToString(0, lastNewline + 1);
            buffer.Remove(0, lastNewline + 1);
            Call(() => _output.Stream(stream, complete));
        }
    }

    public void Flush()
    {
        lock (_lock) FlushLocked();
    }

    public void Display(MimeBundle bundle, string? displayId = null)
    {
        lock (_lock)
        {
            FlushLocked();
            Call(() => _output.Display(bundle, displayId));
        }
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        lock (_lock)
        {
            FlushLocked();
            Call(() => _output.UpdateDisplay(bundle, displayId));
        }
    }

    public void Result(MimeBundle bundle)
    {
        lock (_lock)
        {
            FlushLocked();
            if (_resultSent) return;
            _resultSent = true;
            Call(() => _output.Result(bundle));
        }
    }

    public void Progress(ProgressUpdate update)
    {
        lock (_lock) Call(() => _output.Progress(update));
    }

    public void ClearOutput(bool wait)
    {
        lock (_lock)
        {
            FlushLocked();
            Call(() => _output.ClearOutput(wait));
        }
    }

    public string? ReadLine(string prompt, bool password)
    {
        string? line = null;
        lock (_lock)
        {
            FlushLocked();
        }
        // Not under the lock: the front end may take a while, and progress may still report meanwhile.
        Call(() => line = _output.ReadLine(prompt, password));
        return line;
    }

    private void FlushLocked()
    {
        if (_stdout.Length > 0)
        {
            var text = _stdout.ToString();
            _stdout.Clear();
            Call(() => _output.Stream(OutputStreamKind.Stdout, text));
        }
        if (_stderr.Length > 0)
        {
            var text = _stderr.ToString();
            _stderr.Clear();
            Call(() => _output.Stream(OutputStreamKind.Stderr, text));
        }
    }

    /// <summary>Calls the front end with console capture bypassed, so a front end that writes to the console is not captured back into the cell.</summary>
    private static void Call(Action action)
    {
        using (ConsoleRouter.Bypass()) action();
    }

    private static int LastIndexOf(StringBuilder sb, char c)
    {
        for (var i = sb.Length - 1; i >= 0; i--)
        {
            if (sb[i] == c) return i;
        }
        return -1;
    }
}
