using Mallard.Display;

namespace Mallard.Engine;

/// <summary>
/// Where a running cell sends what it produces, in order. Front ends implement it: the Jupyter
/// kernel publishes each call on IOPub, the REPL renders to the terminal, the runner records
/// notebook outputs. Calls for one cell come in the order the cell produced them; they may come
/// from a thread other than the caller of <see cref="Session.ExecuteAsync"/>, never from two threads at once.
/// </summary>
public interface ICellOutput
{
    /// <summary>Shows a value mid-cell (<c>display(x)</c>, a SQL result, a chart). With a display id, later updates replace it.</summary>
    void Display(MimeBundle bundle, string? displayId = null);

    /// <summary>
    /// <see cref="Display(MimeBundle, string?)"/> with the value the bundle was formatted from, for front ends that
    /// render values themselves (the REPL prints a frame in its current <c>.mode</c>). By default forwards to it.
    /// </summary>
    void Display(MimeBundle bundle, string? displayId, object? value) => Display(bundle, displayId);

    /// <summary>Replaces the content of an earlier display with the same id.</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>Text written to <c>Console.Out</c> or <c>Console.Error</c> while the cell ran.</summary>
    void Stream(OutputStreamKind stream, string text);

    /// <summary>The cell's result: the value of a trailing C# expression or a SQL cell's last result. At most once per cell.</summary>
    void Result(MimeBundle bundle);

    /// <summary>
    /// The cell's result with the value it was formatted from (a <c>Mallard.Data.Frame</c> for SQL), for front ends
    /// that render values themselves (the REPL's csv/json/markdown modes). By default forwards to <see cref="Result(MimeBundle)"/>.
    /// </summary>
    void Result(MimeBundle bundle, object? value) => Result(bundle);

    /// <summary>Progress of a long operation (a query running longer than about half a second).</summary>
    void Progress(ProgressUpdate progress);

    /// <summary>
    /// Reads a line of input for <c>Console.ReadLine()</c>. Returns null when the front end cannot
    /// ask (no terminal, stdin not allowed); the engine then reports that input is unavailable.
    /// </summary>
    string? ReadLine(string prompt, bool password);
}
