namespace Mallard.Display.Plotly;

/// <summary>
/// One trace of a figure, as plotly.js describes it: <see cref="Type"/> (<c>bar</c>, <c>scatter</c>,
/// <c>pie</c>, <c>histogram</c>, <c>heatmap</c>, ...) and the attributes that type reads. Unset
/// attributes are left out of the JSON so plotly.js uses its defaults.
/// </summary>
public sealed class Trace
{
    public Trace(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Type = type;
    }

    public string Type { get; }

    public string? Name { get; set; }

    public IReadOnlyList<object?>? X { get; set; }

    public IReadOnlyList<object?>? Y { get; set; }

    /// <summary>Rows of values (heatmap): <c>Z[i][j]</c> is at <c>Y[i]</c>, <c>X[j]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<object?>>? Z { get; set; }

    /// <summary>Slice names (pie).</summary>
    public IReadOnlyList<object?>? Labels { get; set; }

    /// <summary>Slice sizes (pie).</summary>
    public IReadOnlyList<object?>? Values { get; set; }

    /// <summary>Text per point, or one text for all.</summary>
    public object? Text { get; set; }

    /// <summary><c>inside</c>, <c>outside</c>, <c>auto</c>, <c>none</c>, <c>top center</c>, ...</summary>
    public string? TextPosition { get; set; }

    public string? TextTemplate { get; set; }

    /// <summary><c>label+percent</c>, <c>value</c>, ... (pie).</summary>
    public string? TextInfo { get; set; }

    public string? HoverTemplate { get; set; }

    /// <summary><c>v</c> or <c>h</c> (bar).</summary>
    public string? Orientation { get; set; }

    /// <summary><c>lines</c>, <c>markers</c>, <c>lines+markers</c>, <c>text</c> (scatter).</summary>
    public string? Mode { get; set; }

    public Marker? Marker { get; set; }

    public Line? Line { get; set; }

    /// <summary><c>tozeroy</c>, <c>tonexty</c>, ... (scatter).</summary>
    public string? Fill { get; set; }

    /// <summary>Traces with the same stack group stack their areas (scatter).</summary>
    public string? StackGroup { get; set; }

    /// <summary>Size of the hole of a donut, as a fraction of the radius (pie).</summary>
    public double? Hole { get; set; }

    /// <summary>Whether slices are sorted by size (pie).</summary>
    public bool? Sort { get; set; }

    /// <summary>Most bins (histogram).</summary>
    public int? NBinsX { get; set; }

    /// <summary><c>count</c>, <c>sum</c>, <c>avg</c>, ... (histogram).</summary>
    public string? HistFunc { get; set; }

    /// <summary>A named scale (<c>Blues</c>, <c>Viridis</c>) or a list of [fraction, color] pairs (heatmap).</summary>
    public object? ColorScale { get; set; }

    public bool? ShowScale { get; set; }

    /// <summary>The colour scale's bar (heatmap).</summary>
    public ColorBar? ColorBar { get; set; }

    public double? ZMin { get; set; }

    public double? ZMax { get; set; }

    public double? XGap { get; set; }

    public double? YGap { get; set; }

    public double? Opacity { get; set; }

    public bool? ShowLegend { get; set; }

    public string? LegendGroup { get; set; }

    public bool? ConnectGaps { get; set; }

    public bool? ClipOnAxis { get; set; }
}
