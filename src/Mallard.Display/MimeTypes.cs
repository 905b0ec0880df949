namespace Mallard.Display;

/// <summary>The MIME types Mallard's display produces.</summary>
public static class MimeTypes
{
    public const string Html = "text/html";
    public const string PlainText = "text/plain";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Json = "application/json";
}
