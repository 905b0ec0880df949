namespace Mallard.Notebooks;

/// <summary>How <see cref="HtmlReport"/> renders a notebook. Immutable.</summary>
public sealed record HtmlReportOptions
{
    /// <summary>The defaults: code collapsed, title from the notebook's first heading.</summary>
    public static HtmlReportOptions Default { get; } = new();

    /// <summary>How code cells' source is shown.</summary>
    public ReportCodeDisplay Code { get; init; } = ReportCodeDisplay.Collapsed;

    /// <summary>The page title; null takes the first Markdown heading, else <see cref="FallbackTitle"/>.</summary>
    public string? Title { get; init; }

    /// <summary>The title when the notebook has no heading (the runner passes the notebook's file name).</summary>
    public string FallbackTitle { get; init; } = "Notebook report";
}
