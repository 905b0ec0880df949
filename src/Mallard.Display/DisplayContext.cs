namespace Mallard.Display;

/// <summary>What a formatter may know about the document it formats for: the options, and whether plotly.js is already in it.</summary>
public sealed class DisplayContext
{
    private readonly FormatterRegistry _registry;

    internal DisplayContext(FormatterRegistry registry) => _registry = registry;

    public DisplayOptions Options => _registry.Options;

    /// <summary>
    /// Whether the output being formatted must carry plotly.js itself: always with
    /// <see cref="PlotlyScriptMode.Inline"/>, never with <see cref="PlotlyScriptMode.None"/>, and with
    /// <see cref="PlotlyScriptMode.OncePerDocument"/> only the first time it is asked per document.
    /// </summary>
    public bool ClaimPlotlyScript() => _registry.ClaimPlotlyScript();

    /// <summary>
    /// The HTML form of a chart given as its Plotly JSON, drawn as <see cref="Plotly.Figure.HtmlFragment(string, double, bool, Plotly.PlotlySources?)"/>
    /// draws it, with plotly.js as the options say; null with <see cref="PlotlyScriptMode.MimeOnly"/>, which has no HTML form.
    /// </summary>
    public string? ChartHtml(string figureJson, double height) =>
        Options.PlotlyScript == PlotlyScriptMode.MimeOnly ? null : Plotly.Figure.HtmlFragment(figureJson, height, ClaimPlotlyScript(), PlotlySources);

    /// <summary>Where a chart loads plotly.js from when its page has none (<see cref="PlotlyScriptMode.Shared"/>, <see cref="PlotlyScriptMode.Cdn"/>); null: it does not.</summary>
    public Plotly.PlotlySources? PlotlySources => Options.PlotlyScript switch
    {
        PlotlyScriptMode.Shared => new Plotly.PlotlySources(Options.PlotlyKernelName, Beside: true, Cdn: false),
        PlotlyScriptMode.Cdn => new Plotly.PlotlySources(null, Beside: false, Cdn: true),
        _ => null,
    };
}
