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
public sealed class TerminalFormatter(Func<OutputMode> mode, Func<int> maxRows, Func<int> width) : IDisplayFormatter
{
    /// <summary>The MIME type of a result rendered for the terminal.</summary>
    public const string MimeType = "text/x-mallard-terminal";

    /// <summary>Always the same mode and row bound, no width limit (output to a pipe or file).</summary>
    public TerminalFormatter(OutputMode mode, int maxRows)
        : this(() => mode, () => maxRows, () => 0)
    {
    }

    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        if (value is not Frame frame) return false;
        var rendered = frame.ColumnCount == 0 ? "OK\n" : ResultRenderer.Render(frame, mode(), maxRows(), width());
        bundle = MimeBundle.Empty.WithText(MimeType, rendered).WithText(MimeTypes.PlainText, rendered);
        return true;
    }
}
