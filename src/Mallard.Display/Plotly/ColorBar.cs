namespace Mallard.Display.Plotly;

/// <summary>The scale beside a heatmap: its tick labels written like the values (<c>.0%</c>, a currency prefix).</summary>
public sealed class ColorBar
{
    public Title? Title { get; set; }

    /// <summary>A d3 format for the tick labels, for example <c>.0%</c>.</summary>
    public string? TickFormat { get; set; }

    public string? TickPrefix { get; set; }
}
