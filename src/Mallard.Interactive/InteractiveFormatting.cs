using Mallard.Data;
using Mallard.Display;
using Mallard.Display.Kpi;
using Mallard.Display.Plotly;
using Microsoft.DotNet.Interactive.Formatting;

namespace Mallard.Interactive;

/// <summary>
/// Mallard's display of frames, charts, KPI cards and Markdown, registered with .NET Interactive's formatter, so that
/// <c>display(x)</c> and a cell's trailing value show as they do in the Mallard kernel: bounded HTML tables, Plotly figures
/// with an HTML form, and <c>text/plain</c>.
/// </summary>
internal static class InteractiveFormatting
{
    private static readonly Type[] Types = [typeof(Frame), typeof(FormattedTable), typeof(Figure), typeof(KpiCard), typeof(KpiCards), typeof(Markdown)];

    private static readonly Lock Gate = new();
    private static bool s_registered;

    /// <summary>The value .NET Interactive asked about last, and which of its MIME types it has taken.</summary>
    [ThreadStatic] private static Pending? t_pending;

    /// <summary>Registers once per process; the formatters format with <see cref="MallardHost.Current"/>, the host loaded last.</summary>
    public static void Register(MallardHost host)
    {
        lock (Gate)
        {
            foreach (var type in Types)
            {
                string[] mimes = type == typeof(Figure) && host.PlotlyJson ? [MimeTypes.Plotly, MimeTypes.Html, MimeTypes.PlainText]
                    : type == typeof(Markdown) ? [MimeTypes.Markdown, MimeTypes.PlainText]
                    : [MimeTypes.Html, MimeTypes.PlainText];
                Formatter.SetPreferredMimeTypesFor(type, mimes);
            }
            if (s_registered) return;
            s_registered = true;
            foreach (var type in Types)
            {
                foreach (var mime in new[] { MimeTypes.Html, MimeTypes.PlainText, MimeTypes.Plotly, MimeTypes.Markdown })
                {
                    Formatter.Register(type, (value, context) => Write(value, mime, context), mime);
                }
            }
        }
    }

    private static bool Write(object value, string mimeType, FormatContext context)
    {
        var host = MallardHost.Current;
        if (host is null) return false;
        var text = Bundle(host, value, mimeType)[mimeType];
        if (text is null) return false;
        context.Writer.Write(text);
        return true;
    }

    /// <summary>
    /// The bundle for <paramref name="value"/>. .NET Interactive asks once per MIME type; formatting once per display keeps
    /// its forms consistent (the first chart of a document carries plotly.js in its HTML, and only one form may claim it).
    /// </summary>
    private static MimeBundle Bundle(MallardHost host, object value, string mimeType)
    {
        var pending = t_pending;
        if (pending is not null && ReferenceEquals(pending.Value, value) && pending.Taken.Add(mimeType)) return pending.Bundle;
        var bundle = value as MimeBundle ?? host.Formatter.Format(value);
        t_pending = new Pending(value, bundle, [mimeType]);
        return bundle;
    }

    private sealed record Pending(object Value, MimeBundle Bundle, HashSet<string> Taken);
}
