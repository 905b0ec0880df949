namespace Mallard.Display.Plotly;

/// <summary>An x or y axis of the layout.</summary>
public sealed class Axis
{
    public Title? Title { get; set; }

    /// <summary><c>linear</c>, <c>log</c>, <c>date</c>, <c>category</c>; unset lets plotly.js guess.</summary>
    public string? Type { get; set; }

    /// <summary>A d3 format for tick labels, for example <c>,.0f</c>, <c>$,.2f</c>, <c>.0%</c>, <c>%b %Y</c>.</summary>
    public string? TickFormat { get; set; }

    public string? TickPrefix { get; set; }

    /// <summary>A d3 format for the hover label's value on this axis.</summary>
    public string? HoverFormat { get; set; }

    /// <summary><c>normal</c>, <c>tozero</c> (the range always holds zero) or <c>nonnegative</c>.</summary>
    public string? RangeMode { get; set; }

    public string? TickSuffix { get; set; }

    /// <summary><c>true</c>, <c>false</c> or <c>reversed</c>.</summary>
    public object? AutoRange { get; set; }

    public IReadOnlyList<object?>? Range { get; set; }

    public bool? ShowGrid { get; set; }

    public string? GridColor { get; set; }

    public string? LineColor { get; set; }

    public bool? ZeroLine { get; set; }

    public string? ZeroLineColor { get; set; }

    public bool? AutoMargin { get; set; }

    /// <summary><c>trace</c>, <c>category ascending</c>, <c>total descending</c>, <c>array</c>, ...</summary>
    public string? CategoryOrder { get; set; }

    public IReadOnlyList<object?>? CategoryArray { get; set; }
}
