using System.Diagnostics.CodeAnalysis;
using Mallard.Display.Kpi;

namespace Mallard.Display.Formatters;

/// <summary>KPI cards (one <see cref="KpiCard"/>, <see cref="KpiCards"/>, or any sequence of cards) as a row of cards.</summary>
public sealed class KpiFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, DisplayContext context, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        var cards = value switch
        {
            KpiCards many => many,
            KpiCard one => new KpiCards(one),
            IEnumerable<KpiCard> sequence => new KpiCards(sequence),
            _ => null,
        };
        bundle = cards is null ? null : MimeBundle.Empty
            .WithText(MimeTypes.Html, cards.ToHtml())
            .WithText(MimeTypes.PlainText, cards.ToText());
        return bundle is not null;
    }
}
