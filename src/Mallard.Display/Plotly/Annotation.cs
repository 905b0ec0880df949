namespace Mallard.Display.Plotly;

/// <summary>Text placed on the figure, in data coordinates or (with <c>paper</c> references) as fractions of the plot area.</summary>
public sealed class Annotation
{
    public string? Text { get; set; }

    public object? X { get; set; }

    public object? Y { get; set; }

    /// <summary><c>x</c> (data) or <c>paper</c>.</summary>
    public string? XRef { get; set; }

    public string? YRef { get; set; }

    public bool? ShowArrow { get; set; }

    public string? XAnchor { get; set; }

    public string? YAnchor { get; set; }

    public Font? Font { get; set; }
}
