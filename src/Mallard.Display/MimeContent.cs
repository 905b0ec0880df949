namespace Mallard.Display;

/// <summary>
/// One representation in a <see cref="MimeBundle"/>: either text (<c>text/html</c>, <c>text/plain</c>)
/// or a JSON document kept as its exact serialised text (<c>application/vnd.plotly.v1+json</c>), so a
/// front end writes it as JSON and the bytes never change between runs.
/// </summary>
public sealed record MimeContent(string MimeType, string Value, bool IsJson)
{
    public override string ToString() => IsJson ? $"{MimeType} (JSON, {Value.Length} chars)" : $"{MimeType} ({Value.Length} chars)";
}
