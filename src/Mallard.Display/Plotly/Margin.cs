namespace Mallard.Display.Plotly;

/// <summary>Space around the plot area, in pixels.</summary>
public sealed class Margin
{
    public double? L { get; set; }

    public double? R { get; set; }

    public double? T { get; set; }

    public double? B { get; set; }
}
