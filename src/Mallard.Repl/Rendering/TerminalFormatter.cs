using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.Display;

namespace Mallard.Repl.Rendering;

/// <summary>
/// The REPL's formatter, registered with its session: a Frame becomes text in the current <c>.mode</c>, as wide as the
/// terminal (or unbounded when the result goes to a <c>.once</c>/<c>.output</c> file), under <see cref="MimeType"/>.
/// The REPL prints bundles; it never redraws values itself.
/// </summary>
internal sealed class TerminalFormatter(ReplSettings settings, ReplConsole console) : IDisplayFormatter
{
    /// <summary>The MIME type of a result rendered for the REPL.</summary>
    public const string MimeType = "text/x-mallard-terminal";

    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        if (value is not Frame frame) return false;
        var rendered = ResultRenderer.Render(frame, settings.Mode, settings.MaxRows, console.ResultFile is null ? console.Width : 0);
        bundle = MimeBundle.Empty.WithText(MimeType, rendered).WithText(MimeTypes.PlainText, rendered);
        return true;
    }
}
