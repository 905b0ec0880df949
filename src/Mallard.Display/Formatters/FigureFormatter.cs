using System.Diagnostics.CodeAnalysis;
using Mallard.Display.Plotly;

namespace Mallard.Display.Formatters;

/// <summary>
/// A <see cref="Figure"/> as <c>application/vnd.plotly.v1+json</c> (front ends that render Plotly use
/// it), <c>text/html</c> that draws it offline, and a one-line <c>text/plain</c> summary.
/// </summary>
/// <remarks>
/// plotly.js is about 4.8 MB, so by default it is loaded once per document, not inlined in every chart:
/// the first chart a registry formats carries it and defines <c>window.Plotly</c>, later charts use that
/// copy. Notebook front ends that run scripts (VS Code, JupyterLab) place all outputs of a notebook in
/// one document, so a dozen charts cost one copy instead of fifty megabytes of notebook, and nothing is
/// fetched from a network. Where outputs must stand alone choose <see cref="PlotlyScriptMode.Inline"/>;
/// where the page loads plotly.js itself (the HTML report), <see cref="PlotlyScriptMode.None"/>.
/// </remarks>
public sealed class FigureFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        bundle = null;
        if (value is not Figure figure) return false;
        var json = figure.ToJson();
        bundle = MimeBundle.Empty.WithJson(MimeTypes.Plotly, json);
        if (context.ChartHtml(json, figure.Layout.Height ?? Figure.DefaultHeight) is { } html) bundle = bundle.WithText(MimeTypes.Html, html);
        bundle = bundle.WithText(MimeTypes.PlainText, figure.ToText());
        return true;
    }
}
