using System.Globalization;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Kpi;

/// <summary>
/// One big number with a title (the seed report's <c>BigValue</c>), optionally compared with an
/// earlier value through <see cref="Delta"/>. Show several side by side with <see cref="KpiCards"/>.
/// </summary>
public sealed record KpiCard(string Title, double? Value)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public KpiFormat Format { get; init; } = KpiFormat.Number;

    /// <summary>Digits after the point; by default none for whole numbers, two otherwise (one for percentages and compact numbers).</summary>
    public int? Decimals { get; init; }

    public string CurrencySymbol { get; init; } = "$";

    /// <summary>The change to show under the value, for example 0.12 for +12% with <see cref="DeltaFormat"/> Percent.</summary>
    public double? Delta { get; init; }

    public KpiFormat DeltaFormat { get; init; } = KpiFormat.Percent;

    /// <summary>What the delta compares with, for example <c>vs last month</c>.</summary>
    public string? DeltaLabel { get; init; }

    /// <summary>True when a fall is good news (churn, cost): the delta's colour flips.</summary>
    public bool DownIsGood { get; init; }

    /// <summary>
    /// A card for the first row of a column, the way <c>BigValue</c> reads a one-row query. Without a
    /// <paramref name="format"/>, the card writes the value as a table writes that column (<see cref="ValueFormat.For"/>: money for
    /// <c>revenue</c>, a percentage for <c>churn_rate</c>).
    /// </summary>
    public static KpiCard FromFrame(Frame frame, string column, string? title = null, KpiFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var values = frame[column];
        if (!values.Type.IsNumeric)
            throw new ArgumentException($"A KPI shows a number; column '{values.Name}' is {values.Type.Name}.", nameof(column));
        if (frame.RowCount == 0)
            throw new ArgumentException($"A KPI shows the first row of '{values.Name}', and the frame has no rows.", nameof(frame));
        double? value = values.IsNull(0) ? null : Numbers.AsDouble(values, 0);
        var byName = ValueFormat.For(values);
        return new KpiCard(title ?? values.Name, value)
        {
            Format = format ?? byName.Kind switch
            {
                ValueFormatKind.Currency => KpiFormat.Currency,
                ValueFormatKind.Percent => KpiFormat.Percent,
                _ => KpiFormat.Number,
            },
        };
    }

    /// <summary>The value as the card shows it; an em dash when there is none.</summary>
    public string FormattedValue => Value is { } v ? FormatNumber(v, Format, Decimals, CurrencySymbol, signed: false) : "—";

    /// <summary>The delta with an arrow (<c>▲ 12.0%</c>), or null.</summary>
    public string? FormattedDelta => Delta is { } d
        ? (d > 0 ? "▲ " : d < 0 ? "▼ " : "■ ") + FormatNumber(Math.Abs(d), DeltaFormat, null, CurrencySymbol, signed: false)
        : null;

    /// <summary>Whether the delta is good news (null without a delta or when it is zero).</summary>
    public bool? DeltaIsGood => Delta is { } d && d != 0 ? (d > 0) != DownIsGood : null;

    internal string ToHtml()
    {
        var sb = new System.Text.StringBuilder("<div class=\"mk-card\"><div class=\"mk-title\">");
        Html.Append(sb, Title).Append("</div><div class=\"mk-value\">");
        Html.Append(sb, FormattedValue).Append("</div>");
        if (FormattedDelta is { } delta)
        {
            var tone = DeltaIsGood switch { true => "mk-good", false => "mk-bad", null => "mk-flat" };
            sb.Append("<div class=\"mk-delta ").Append(tone).Append("\">");
            Html.Append(sb, delta);
            if (DeltaLabel is { } label) Html.Append(sb.Append(" <span class=\"mk-delta-label\">"), label).Append("</span>");
            sb.Append("</div>");
        }
        return sb.Append("</div>").ToString();
    }

    internal static string FormatNumber(double value, KpiFormat format, int? decimals, string currency, bool signed)
    {
        if (!double.IsFinite(value)) return value.ToString(Invariant);
        var whole = value == Math.Floor(value);
        var sign = value < 0 ? "-" : signed && value > 0 ? "+" : "";
        var magnitude = Math.Abs(value);
        switch (format)
        {
            case KpiFormat.Currency:
                return sign + NumberText.Money(magnitude, decimals ?? 2, currency);
            case KpiFormat.Percent:
                return sign + NumberText.Percent(magnitude, decimals ?? 1);
            case KpiFormat.Compact:
                return sign + NumberText.Compact(magnitude, decimals ?? 1);
            default:
                return sign + NumberText.Fixed(magnitude, decimals ?? (whole ? 0 : 2));
        }
    }
}
