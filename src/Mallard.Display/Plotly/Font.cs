namespace Mallard.Display.Plotly;

public sealed class Font
{
    public string? Family { get; set; }

    public double? Size { get; set; }

    public string? Color { get; set; }
}
