namespace Mallard.Display;

/// <summary>How values are displayed. Immutable: change one with <c>options with { MaxRows = 20 }</c>.</summary>
public sealed record DisplayOptions
{
    public static DisplayOptions Default { get; } = new();

    /// <summary>Most rows a table shows (its head); the footer says how many the frame has.</summary>
    public int MaxRows { get; init; } = 100;

    /// <summary>Most columns a table shows; the footer says how many the frame has.</summary>
    public int MaxColumns { get; init; } = 100;

    /// <summary>Rows per page of an interactive HTML table.</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>Longest text an HTML cell shows before it is cut with an ellipsis.</summary>
    public int MaxCellChars { get; init; } = 500;

    /// <summary>Widest a column of a plain-text table grows, in terminal columns.</summary>
    public int MaxTextWidth { get; init; } = 40;

    /// <summary>How the HTML form of a chart gets plotly.js.</summary>
    public PlotlyScriptMode PlotlyScript { get; init; } = PlotlyScriptMode.OncePerDocument;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxColumns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCellChars, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextWidth, 2);
    }
}
