namespace Mallard.Display.Plotly;

/// <summary>A title of a figure, an axis or a legend (<c>{"text": ...}</c>).</summary>
public sealed class Title
{
    public Title()
    {
    }

    public Title(string text) => Text = text;

    public string? Text { get; set; }

    /// <summary>Horizontal position as a fraction of the width (figure titles).</summary>
    public double? X { get; set; }

    public Font? Font { get; set; }
}
