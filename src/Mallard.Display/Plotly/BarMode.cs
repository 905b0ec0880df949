namespace Mallard.Display.Plotly;

/// <summary>How bars of several series share a category.</summary>
public enum BarMode
{
    /// <summary>Side by side.</summary>
    Group,

    /// <summary>On top of each other.</summary>
    Stack,

    /// <summary>Stacked, negative values below the axis.</summary>
    Relative,

    /// <summary>Drawn over each other.</summary>
    Overlay,
}
