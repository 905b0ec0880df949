using Mallard.Display;

namespace Mallard.Engine;

/// <summary>
/// Where a running cell sends what it produces, in order. Front ends implement it: the Jupyter
/// kernel publishes each call on IOPub, the REPL prints to the terminal, the runner records
/// notebook outputs. Front ends get MIME bundles, never the values behind them: a front end that renders values its
/// own way registers a formatter (<see cref="SessionOptions.Formatters"/>). Calls for one cell come in the order the cell produced them; they may come
/// from a thread other than the caller of <see cref="Session.ExecuteAsync"/>, never from two threads at once.
/// </summary>
public interface ICellOutput
{
    /// <summary>Shows a value mid-cell (<c>display(x)</c>, a SQL result, a chart). With a display id, later updates replace it.</summary>
    void Display(MimeBundle bundle, string? displayId = null);

    /// <summary>Replaces the content of an earlier display with the same id.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>
    /// Clears what the cell has shown so far (<c>clear_output()</c>); with <paramref name="wait"/>, only when the cell next
    /// shows something, so that a display replaced in a loop does not flicker. Front ends that cannot clear ignore it.
    /// </summary>
    void ClearOutput(bool wait)
    {
    }

    /// <summary>Text written to <c>Console.Out</c> or <c>Console.Error</c> while the cell ran.</summary>
    void Stream(OutputStreamKind stream, string text);

    /// <summary>The cell's result: the value of a trailing C# expression or a SQL cell's last result. At most once per cell.</summary>
    void Result(MimeBundle bundle);

    /// <summary>Progress of a long operation (a query running longer than about half a second).</summary>
    void Progress(ProgressUpdate progress);

    /// <summary>
    /// Reads a line of input for <c>Console.ReadLine()</c>. Returns null when the front end cannot
    /// ask (no terminal, stdin not allowed); the engine then reports that input is unavailable.
    /// </summary>
    string? ReadLine(string prompt, bool password);
}
