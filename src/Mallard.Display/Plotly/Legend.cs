namespace Mallard.Display.Plotly;

public sealed class Legend
{
    public Title? Title { get; set; }

    /// <summary><c>v</c> or <c>h</c>.</summary>
    public string? Orientation { get; set; }

    public double? X { get; set; }

    public double? Y { get; set; }

    public string? XAnchor { get; set; }

    public string? YAnchor { get; set; }

    public string? BgColor { get; set; }
}
