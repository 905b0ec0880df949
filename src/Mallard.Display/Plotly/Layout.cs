using System.Text.Json.Serialization;

namespace Mallard.Display.Plotly;

/// <summary>A figure's layout: title, axes, legend, annotations, bar mode, size and template.</summary>
public sealed class Layout
{
    public Title? Title { get; set; }

    [JsonPropertyName("xaxis")]
    public Axis? XAxis { get; set; }

    [JsonPropertyName("yaxis")]
    public Axis? YAxis { get; set; }

    public Legend? Legend { get; set; }

    public bool? ShowLegend { get; set; }

    public List<Annotation>? Annotations { get; set; }

    /// <summary><c>group</c>, <c>stack</c>, <c>relative</c> or <c>overlay</c>.</summary>
    public string? BarMode { get; set; }

    public double? BarGap { get; set; }

    public double? Width { get; set; }

    public double? Height { get; set; }

    public Margin? Margin { get; set; }

    public Font? Font { get; set; }

    public IReadOnlyList<string>? Colorway { get; set; }

    [JsonPropertyName("paper_bgcolor")]
    public string? PaperBgColor { get; set; }

    [JsonPropertyName("plot_bgcolor")]
    public string? PlotBgColor { get; set; }

    /// <summary><c>closest</c>, <c>x</c>, <c>x unified</c>, ...</summary>
    public string? HoverMode { get; set; }

    public Template? Template { get; set; }
}
