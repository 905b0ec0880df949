namespace Mallard.Display.Plotly;

/// <summary>Defaults applied under a figure's own settings (plotly.js <c>layout.template</c>).</summary>
public sealed class Template
{
    public Layout? Layout { get; set; }

    /// <summary>
    /// Mallard's template: a transparent background (the chart sits on the page's own, light or dark), a grey that reads on
    /// both for text and a faint grid, and the <see cref="Palette.Default"/> colorway. Where the chart is drawn by Mallard's
    /// own script (HTML outputs, reports), the colours follow the page's theme exactly; front ends that draw the Plotly JSON
    /// themselves get this neutral form. A new instance each call, so changing one figure's
    /// template never changes another's.
    /// </summary>
    public static Template Default() => new()
    {
        Layout = new Layout
        {
            Font = new Font { Family = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif", Size = 13, Color = "#737373" },
            Colorway = Palette.Default,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            HoverMode = "closest",
            Title = new Title { X = 0.02, Font = new Font { Size = 18 } },
            Margin = new Margin { L = 64, R = 24, T = 64, B = 56 },
            XAxis = new Axis { GridColor = "rgba(128,128,128,0.2)", LineColor = "rgba(128,128,128,0.6)", ZeroLineColor = "rgba(128,128,128,0.4)", AutoMargin = true },
            YAxis = new Axis { GridColor = "rgba(128,128,128,0.2)", LineColor = "rgba(128,128,128,0.6)", ZeroLineColor = "rgba(128,128,128,0.4)", AutoMargin = true },
        },
    };
}
