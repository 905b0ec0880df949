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
}
