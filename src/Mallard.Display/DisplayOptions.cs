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

    /// <summary>Whether table headers show each column's SQL type under its name (reports hide the row with their style sheet).</summary>
    public bool ShowTypes { get; init; } = true;

    /// <summary>Whether table headers show names as people read them ("Customer segment") instead of the names themselves.</summary>
    public bool ReadableLabels { get; init; }

    /// <summary>
    /// Whether columns told no format take one by their name (<see cref="ValueFormat.For"/>: money, percentages, ids, months);
    /// false writes every column by its type alone.
    /// </summary>
    public bool FormatByName { get; init; } = true;

    /// <summary>How the HTML form of a chart gets plotly.js.</summary>
    public PlotlyScriptMode PlotlyScript { get; init; } = PlotlyScriptMode.OncePerDocument;

    /// <summary>The kernelspec whose copy of plotly.js <see cref="PlotlyScriptMode.Shared"/> loads through a Jupyter server.</summary>
    public string PlotlyKernelName { get; init; } = "mallard";

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRows);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxColumns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCellChars, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextWidth, 2);
    }
}
