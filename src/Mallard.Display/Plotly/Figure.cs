using System.Globalization;
using System.Text;
using System.Text.Json;
using Mallard.Display.Internal;

namespace Mallard.Display.Plotly;

/// <summary>
/// A Plotly figure: traces and a layout, serialised to the JSON plotly.js reads
/// (<c>application/vnd.plotly.v1+json</c>). Build one with <see cref="Chart"/> or by hand.
/// </summary>
public sealed class Figure
{
    public Figure()
    {
    }

    public Figure(IEnumerable<Trace> data, Layout? layout = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data.AddRange(data);
        if (layout is not null) Layout = layout;
    }

    /// <summary>The height of a chart whose layout gives none, in pixels (plotly.js' own default).</summary>
    public const double DefaultHeight = 450;

    public List<Trace> Data { get; } = [];

    public Layout Layout { get; set; } = new();

    /// <summary>The figure as plotly.js JSON: <c>{"data":[...],"layout":{...}}</c>. Same figure, same bytes.</summary>
    public string ToJson() => JsonSerializer.Serialize(new { data = Data, layout = Layout }, PlotlyJson.Options);

    /// <summary>A standalone HTML page that draws the figure with plotly.js inlined: it works offline.</summary>
    public string ToHtml()
    {
        var title = Html.Escape(Layout.Title?.Text ?? "Chart");
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title + "</title>\n"
            + PlotlyJs.ScriptElement() + "\n</head>\n<body style=\"margin:16px\">\n"
            + ToHtmlFragment(includePlotly: false) + "\n</body>\n</html>\n";
    }

    /// <summary>
    /// The figure as an HTML fragment: a container and a script that draws into it with the document's
    /// <c>window.Plotly</c>, carrying plotly.js itself when <paramref name="includePlotly"/> is true.
    /// Where no plotly.js is loaded the container says so instead of staying blank.
    /// </summary>
    public string ToHtmlFragment(bool includePlotly) => HtmlFragment(ToJson(), Layout.Height ?? DefaultHeight, includePlotly);

    /// <summary>
    /// A figure given as its Plotly JSON (<c>{"data": [...], "layout": {...}}</c>, from any library that makes one) as an HTML
    /// fragment drawn as <see cref="ToHtmlFragment(bool)"/> draws Mallard's own.
    /// </summary>
    public static string HtmlFragment(string figureJson, double height, bool includePlotly) => HtmlFragment(figureJson, height, includePlotly, null);

    /// <summary>
    /// The same, loading plotly.js from <paramref name="sources"/> where the page has none (see <see cref="PlotlyScriptMode.Shared"/>).
    /// </summary>
    public static string HtmlFragment(string figureJson, double height, bool includePlotly, PlotlySources? sources)
    {
        ArgumentNullException.ThrowIfNull(figureJson);
        var missing = sources is null
            ? "This chart needs plotly.js, which this page has not loaded: run the first chart cell again, or open the notebook in a front end that shows Plotly output."
            : "This chart needs plotly.js, which was not found: install the kernel with `mallard kernel install` (Jupyter serves its copy), keep "
              + PlotlyJs.FileName + " beside this file, or open the notebook in a front end that shows Plotly output (VS Code does).";
        return PlotlyJs.Element(ContentId.For("mallard-plot-", figureJson), height, figureJson, missing, sources, includePlotly);
    }

    /// <summary>A one-line description for terminals: the title and each trace's type and size.</summary>
    public string ToText()
    {
        var sb = new StringBuilder("Figure");
        if (Layout.Title?.Text is { } t) sb.Append(": ").Append(t);
        foreach (var trace in Data)
        {
            var points = trace.Y?.Count ?? trace.X?.Count ?? trace.Values?.Count ?? trace.Z?.Count ?? 0;
            sb.Append(CultureInfo.InvariantCulture, $"\n  {trace.Type}");
            if (trace.Name is { Length: > 0 } name) sb.Append(" '").Append(name).Append('\'');
            sb.Append(CultureInfo.InvariantCulture, $": {points:N0} {(trace.Z is null ? "points" : "rows")}");
        }
        return sb.Append('\n').ToString();
    }

    public override string ToString() => ToText().TrimEnd('\n');
}
