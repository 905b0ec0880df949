using System.Globalization;
using System.Net;
using Mallard.Display;
using Mallard.Engine;

namespace Mallard.Jupyter.Kernel;

/// <summary>One progress bar shown as a display with a transient id: a bar while running, a one-line summary when done.</summary>
internal sealed class ProgressDisplay(string displayId)
{
    private const int Width = 30;
    private string _label = "";

    public string DisplayId { get; } = displayId;

    public MimeBundle Render(ProgressUpdate progress)
    {
        _label = progress.Label;
        var label = Shorten(progress.Label);
        var elapsed = Seconds(progress.Elapsed);
        if (progress.Done)
        {
            return MimeBundle.Empty
                .WithText(MimeTypes.PlainText, $"✓ {label} ({elapsed})")
                .WithText(MimeTypes.Html, $"<div style=\"font-family:monospace;font-size:12px;opacity:0.7\">✓ {WebUtility.HtmlEncode(label)} ({elapsed})</div>");
        }
        if (progress.Fraction is { } fraction && double.IsFinite(fraction))
        {
            fraction = Math.Clamp(fraction, 0, 1);
            var filled = (int)Math.Round(fraction * Width);
            var percent = (fraction * 100).ToString("0", CultureInfo.InvariantCulture);
            return MimeBundle.Empty
                .WithText(MimeTypes.PlainText, $"[{new string('#', filled)}{new string('-', Width - filled)}] {percent}% {label} ({elapsed})")
                .WithText(MimeTypes.Html, $"<div style=\"font-family:monospace;font-size:12px\"><progress value=\"{fraction.ToString("0.###", CultureInfo.InvariantCulture)}\" max=\"1\" style=\"width:20em;vertical-align:middle\"></progress> {percent}% {WebUtility.HtmlEncode(label)} ({elapsed})</div>");
        }
        return MimeBundle.Empty
            .WithText(MimeTypes.PlainText, $"[running] {label} ({elapsed})")
            .WithText(MimeTypes.Html, $"<div style=\"font-family:monospace;font-size:12px\"><progress style=\"width:20em;vertical-align:middle\"></progress> {WebUtility.HtmlEncode(label)} ({elapsed})</div>");
    }

    /// <summary>The bar of an operation that ended without a final update.</summary>
    public MimeBundle RenderStopped()
        => MimeBundle.Empty
            .WithText(MimeTypes.PlainText, $"✗ {Shorten(_label)} (stopped)")
            .WithText(MimeTypes.Html, $"<div style=\"font-family:monospace;font-size:12px;opacity:0.7\">✗ {WebUtility.HtmlEncode(Shorten(_label))} (stopped)</div>");

    private static string Shorten(string label)
    {
        var line = label.ReplaceLineEndings(" ").Trim();
        return line.Length > 80 ? line[..77] + "..." : line;
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
