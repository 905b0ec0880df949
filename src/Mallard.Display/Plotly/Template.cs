namespace Mallard.Display.Plotly;

/// <summary>Defaults applied under a figure's own settings (plotly.js <c>layout.template</c>).</summary>
public sealed class Template
{
    public Layout? Layout { get; set; }

    /// <summary>
    /// Mallard's template: a quiet white background, light grid, readable font and the
    /// <see cref="Palette.Default"/> colorway. A new instance each call, so changing one figure's
    /// template never changes another's.
    /// </summary>
    public static Template Default() => new()
    {
        Layout = new Layout
        {
            Font = new Font { Family = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif", Size = 13, Color = "#1f2937" },
            Colorway = Palette.Default,
            PaperBgColor = "#ffffff",
            PlotBgColor = "#ffffff",
            HoverMode = "closest",
            Title = new Title { X = 0.02, Font = new Font { Size = 18 } },
            Margin = new Margin { L = 64, R = 24, T = 64, B = 56 },
            XAxis = new Axis { GridColor = "#e5e7eb", LineColor = "#9ca3af", ZeroLineColor = "#d1d5db", AutoMargin = true },
            YAxis = new Axis { GridColor = "#e5e7eb", LineColor = "#9ca3af", ZeroLineColor = "#d1d5db", AutoMargin = true },
        },
    };
}
