namespace Mallard.Engine;

/// <summary>
/// What went wrong in a cell, ready for any front end: <see cref="Name"/> and <see cref="Message"/>
/// map to Jupyter's ename and evalue, <see cref="Traceback"/> to its traceback lines (plain text, no colour codes).
/// </summary>
/// <param name="Kind">The family of the error.</param>
/// <param name="Name">Short name: the exception type, or e.g. "SqlError", "CompilationError", "MagicError", "Interrupted".</param>
/// <param name="Message">One-paragraph description naming the problem.</param>
/// <param name="Traceback">Lines to show: the message, the offending cell line with a caret, user frames.</param>
/// <param name="Line">1-based line in the cell's text, when the error has a position.</param>
/// <param name="Column">1-based column in the cell's text, when the error has a position.</param>
public sealed record CellError(
    CellErrorKind Kind,
    string Name,
    string Message,
    IReadOnlyList<string> Traceback,
    int? Line = null,
    int? Column = null);
