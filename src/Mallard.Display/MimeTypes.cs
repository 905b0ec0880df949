namespace Mallard.Display;

/// <summary>The MIME types Mallard's display produces.</summary>
public static class MimeTypes
{
    public const string Html = "text/html";

    /// <summary>Markdown, which Jupyter front ends render.</summary>
    public const string Markdown = "text/markdown";
    public const string PlainText = "text/plain";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Json = "application/json";
}
