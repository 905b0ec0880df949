namespace Mallard.Display;

/// <summary>
/// Text to show as Markdown: <c>new Markdown($"**{share:P0}** of revenue")</c> as a cell's result renders as
/// formatted text in Jupyter and in the HTML report, and as its source where only plain text is shown.
/// </summary>
/// <param name="Text">The Markdown source.</param>
public sealed record Markdown(string Text)
{
    /// <summary>The Markdown source.</summary>
    public override string ToString() => Text;
}
