using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.Display;

namespace Mallard.Repl.Rendering;

/// <summary>
/// A terminal host's formatter, registered with its session: a Frame becomes text in an <see cref="OutputMode"/> under
/// <see cref="MimeType"/> (OK for a statement that returns nothing), so the host prints bundles and never redraws values.
/// The REPL reads the mode, row bound and width from its settings as they are when the value is shown; <c>mallard
/// query</c> gives fixed ones.
/// </summary>
public sealed class TerminalFormatter(Func<OutputMode> mode, Func<int> maxRows, Func<int> width, Func<bool> paged) : IDisplayFormatter
{
    /// <summary>The MIME type of a result rendered for the terminal.</summary>
    public const string MimeType = "text/x-mallard-terminal";

    /// <summary>The MIME type of the same result rendered whole for a pager: every column, up to <see cref="PagerRows"/> rows.</summary>
    public const string PagedMimeType = "text/x-mallard-terminal-paged";

    /// <summary>Rows a pager gets at most.</summary>
    public const int PagerRows = 10_000;

    /// <summary>Always the same mode and row bound, no width limit (output to a pipe or file).</summary>
    public TerminalFormatter(OutputMode mode, int maxRows)
        : this(() => mode, () => maxRows, () => 0, () => false)
    {
    }

    /// <summary>Called with each result table this formatter renders (the REPL keeps the last for <c>.last</c>).</summary>
    public Action<FormattedTable>? Shown { get; init; }

    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        if (FormattedTable.Of(value) is not { } table) return false;
        var frame = table.Frame;
        if (frame.ColumnCount > 0) Shown?.Invoke(table);
        var rendered = frame.ColumnCount == 0 ? "OK\n" : ResultRenderer.Render(table, mode(), maxRows(), width());
        bundle = MimeBundle.Empty.WithText(MimeType, rendered).WithText(MimeTypes.PlainText, rendered);
        // For a pager: every column at its full width, and up to PagerRows rows.
        if (paged() && frame.ColumnCount > 0) bundle = bundle.WithText(PagedMimeType, ResultRenderer.Render(table, mode(), PagerRows, 0, whole: true));
        return true;
    }
}
