namespace Mallard.Display.Plotly;

/// <summary>How bars, points and slices are drawn.</summary>
public sealed class Marker
{
    /// <summary>One color for the trace.</summary>
    public string? Color { get; set; }

    /// <summary>One color per slice (pie).</summary>
    public IReadOnlyList<string>? Colors { get; set; }

    /// <summary>Point size in pixels.</summary>
    public double? Size { get; set; }

    public double? Opacity { get; set; }

    public Line? Line { get; set; }
}
