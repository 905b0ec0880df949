namespace Mallard.Display.Plotly;

/// <summary>How a line (or an outline) is drawn.</summary>
public sealed class Line
{
    public string? Color { get; set; }

    public double? Width { get; set; }

    /// <summary><c>linear</c>, <c>spline</c>, <c>hv</c>, ...</summary>
    public string? Shape { get; set; }

    /// <summary><c>solid</c>, <c>dot</c>, <c>dash</c>, ...</summary>
    public string? Dash { get; set; }
}
