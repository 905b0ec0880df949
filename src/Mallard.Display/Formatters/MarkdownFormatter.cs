using System.Diagnostics.CodeAnalysis;

namespace Mallard.Display.Formatters;

/// <summary><see cref="Markdown"/> as <c>text/markdown</c>, with the source as the plain-text fallback.</summary>
public sealed class MarkdownFormatter : IDisplayFormatter
{
    /// <inheritdoc />
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = value is Markdown markdown
            ? MimeBundle.Empty.WithText(MimeTypes.Markdown, markdown.Text).WithText(MimeTypes.PlainText, markdown.Text)
            : null;
        return bundle is not null;
    }
}
