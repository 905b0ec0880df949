using Mallard.Display.Tables;
using System.Collections;
using System.Text;
using Mallard.Display.Internal;

namespace Mallard.Display.Kpi;

/// <summary>Several <see cref="KpiCard"/>s shown in a row (wrapping on narrow screens).</summary>
public sealed class KpiCards : IReadOnlyList<KpiCard>
{
    private const string Style =
        "<style>" +
        ".mallard-kpis{display:flex;flex-wrap:wrap;gap:12px;margin:4px 0;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif}" +
        ".mallard-kpis .mk-card{flex:0 1 auto;min-width:150px;padding:12px 16px;border:1px solid rgba(128,128,128,.3);border-radius:8px}" +
        ".mallard-kpis .mk-title{font-size:13px;opacity:.7;margin-bottom:4px}" +
        ".mallard-kpis .mk-value{font-size:28px;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.2}" +
        ".mallard-kpis .mk-delta{font-size:13px;margin-top:4px;font-variant-numeric:tabular-nums}" +
        ".mallard-kpis .mk-good{color:#059669}.mallard-kpis .mk-bad{color:#dc2626}.mallard-kpis .mk-flat{opacity:.7}" +
        ".mallard-kpis .mk-delta-label{opacity:.7;color:inherit}" +
        "</style>";

    private readonly KpiCard[] _cards;

    public KpiCards(IEnumerable<KpiCard> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        _cards = [.. cards];
    }

    public KpiCards(params KpiCard[] cards)
        : this((IEnumerable<KpiCard>)cards)
    {
    }

    public int Count => _cards.Length;

    public KpiCard this[int index] => _cards[index];

    public IEnumerator<KpiCard> GetEnumerator() => ((IEnumerable<KpiCard>)_cards).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The cards as an HTML row.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder("<div class=\"mallard-kpis\">").Append(Style);
        foreach (var card in _cards) sb.Append(card.ToHtml());
        return sb.Append("</div>").ToString();
    }

    /// <summary>The cards as aligned text: titles, values, and deltas when any card has one.</summary>
    public string ToText()
    {
        var lines = new List<string[]>
        {
            _cards.Select(c => c.Title).ToArray(),
            _cards.Select(c => c.FormattedValue).ToArray(),
        };
        if (_cards.Any(c => c.Delta is not null))
            lines.Add(_cards.Select(c => c.FormattedDelta is { } d ? c.DeltaLabel is { } l ? d + " " + l : d : "").ToArray());
        var widths = _cards.Select((_, i) => lines.Max(l => TextWidth.Of(l[i]))).ToArray();
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            var start = sb.Length;
            for (var i = 0; i < line.Length; i++)
            {
                if (i > 0) sb.Append("   ");
                sb.Append(line[i]).Append(' ', widths[i] - TextWidth.Of(line[i]));
            }
            var end = sb.Length;
            while (end > start && sb[end - 1] == ' ') end--;
            sb.Length = end;
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
