using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.Display.Tables;

namespace Mallard.Display.Formatters;

/// <summary>A <see cref="Frame"/> or a <see cref="FormattedTable"/> as an interactive HTML table and an aligned text table.</summary>
public sealed class FrameFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        ArgumentNullException.ThrowIfNull(context);
        var table = FormattedTable.Of(value);
        bundle = table is null
            ? null
            : MimeBundle.Empty
                .WithText(MimeTypes.Html, HtmlTable.Render(table, context.Options))
                .WithText(MimeTypes.PlainText, TextTable.Render(table, context.Options));
        return bundle is not null;
    }
}
