using System.Diagnostics.CodeAnalysis;
using Microsoft.DotNet.Interactive.Formatting;

namespace Mallard.Display.Formatters;

/// <summary>
/// Any other value, through Microsoft.DotNet.Interactive.Formatting: objects as property tables,
/// collections as lists, in HTML and plain text. It is only called, never configured: registering
/// formatters there would change global state shared by every registry.
/// </summary>
public sealed class ObjectFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        ArgumentNullException.ThrowIfNull(value);
        var plain = value.ToDisplayString(PlainTextFormatter.MimeType);
        if (value is string or char or bool || value.GetType().IsPrimitive || value is decimal)
        {
            bundle = MimeBundle.Empty.WithText(MimeTypes.PlainText, plain);
            return true;
        }
        bundle = MimeBundle.Empty
            .WithText(MimeTypes.Html, value.ToDisplayString(HtmlFormatter.MimeType))
            .WithText(MimeTypes.PlainText, plain);
        return true;
    }
}
