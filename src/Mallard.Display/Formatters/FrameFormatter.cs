using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.Display.Tables;

namespace Mallard.Display.Formatters;

/// <summary>A <see cref="Frame"/> as an interactive HTML table and an aligned text table.</summary>
public sealed class FrameFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        bundle = value is Frame frame
            ? MimeBundle.Empty
                .WithText(MimeTypes.Html, HtmlTable.Render(frame, context.Options))
                .WithText(MimeTypes.PlainText, TextTable.Render(frame, context.Options))
            : null;
        return bundle is not null;
    }
}
