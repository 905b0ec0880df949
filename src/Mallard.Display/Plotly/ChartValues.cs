using System.Globalization;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Plotly;

/// <summary>
/// What an x/y chart shows along its axes: the two columns, their formats (the one given for the values, else each column's
/// <see cref="ValueFormat.For"/>) and titles (given, else the columns' readable names). It writes the axes' tick formats and
/// the hover text from the same formats the tables use.
/// </summary>
internal sealed record ChartValues(Column X, Column Y, ValueFormat? GivenYFormat, string? XTitle, string? YTitle, bool Horizontal = false)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Whether the value axis holds zero when no value is negative (bars, lines, areas; not scatter plots).</summary>
    public bool FromZero { get; init; } = true;

    /// <summary>Read once: <see cref="ValueFormat.For"/> looks at every value, and each trace of the chart asks.</summary>
    public ValueFormat XFormat { get; } = ValueFormat.For(X);

    public ValueFormat YFormat { get; } = GivenYFormat ?? ValueFormat.For(Y);

    public string XLabel => XTitle ?? ColumnLabel.Readable(X.Name);

    /// <summary>The value axis' title; null when several measures share the axis and none was given (the legend names them).</summary>
    public string? YLabel => YTitle is "" ? null : YTitle ?? ColumnLabel.Readable(Y.Name);

    /// <summary>The category (or x) axis and the value axis.</summary>
    public (Axis Category, Axis Value) Axes()
    {
        var category = new Axis { Title = new Title(XLabel), Type = ChartData.AxisType(X) };
        Apply(category, XFormat, X);
        var value = new Axis { Title = YLabel is null ? null : new Title(YLabel) };
        Apply(value, YFormat, Y);
        if (FromZero && !AnyNegative(Y)) value.RangeMode = "tozero";
        return (category, value);
    }

    /// <summary>The hover text of a trace: the category and the value, written in their formats, and the series' name.</summary>
    public string HoverTemplate(string? series, bool withText = false)
    {
        var (categoryVar, valueVar) = Horizontal ? ("y", "x") : ("x", "y");
        var valueLabel = YLabel ?? series ?? ColumnLabel.Readable(Y.Name);
        var text = Escape(XLabel) + ": " + Placeholder(categoryVar, XFormat, X) + "<br>" + Escape(valueLabel) + ": " + Placeholder(valueVar, YFormat, Y);
        if (withText) text += "<br>%{text}";
        // The series' name beside the label, unless the value's own label already is that name.
        return text + (series is null || valueLabel == series ? "<extra></extra>" : "<extra>" + Escape(series) + "</extra>");
    }

    /// <summary>A hover template placeholder for <paramref name="variable"/> written in <paramref name="format"/>.</summary>
    public static string Placeholder(string variable, ValueFormat format, Column column)
    {
        var d = format.Decimals;
        return format.Kind switch
        {
            ValueFormatKind.Currency => Escape(format.Symbol) + "%{" + variable + ":,." + (d ?? 2).ToString(Invariant) + "f}",
            ValueFormatKind.Percent => "%{" + variable + ":." + (d ?? 1).ToString(Invariant) + "%}",
            ValueFormatKind.Number when d is not null => "%{" + variable + ":,." + d.Value.ToString(Invariant) + "f}",
            ValueFormatKind.Id => "%{" + variable + ":d}",
            ValueFormatKind.Compact => "%{" + variable + ":.3~s}",
            ValueFormatKind.Month => "%{" + variable + "|%b %Y}",
            ValueFormatKind.Date => "%{" + variable + "|%Y-%m-%d}",
            _ when column.Type.Kind == DataKind.Date => "%{" + variable + "|%Y-%m-%d}",
            _ when column.Type.IsNumeric => "%{" + variable + ":,}",
            _ => "%{" + variable + "}",
        };
    }

    /// <summary>Gives <paramref name="axis"/> the tick labels of <paramref name="format"/>: <c>$1.4M</c>, <c>45%</c>, <c>Jul 2025</c>.</summary>
    public static void Apply(Axis axis, ValueFormat format, Column column)
    {
        switch (format.Kind)
        {
            case ValueFormatKind.Currency:
                // The symbol before short ticks: $1.4M, $800k, $240 (SI prefixes up to millions; plotly.js' own ticks past
                // them, where SI would write billions as G).
                axis.TickPrefix = format.Symbol;
                if (Largest(column) is >= 1_000 and < 1e9) axis.TickFormat = "~s";
                break;
            case ValueFormatKind.Percent:
                axis.TickFormat = Largest(column) < 0.1 ? ".1%" : ".0%";
                break;
            case ValueFormatKind.Id:
                axis.TickFormat = "d";
                break;
            case ValueFormatKind.Compact:
                axis.TickFormat = "~s";
                break;
            case ValueFormatKind.Number when format.Decimals is { } d:
                axis.TickFormat = ",." + d.ToString(Invariant) + "f";
                break;
            case ValueFormatKind.Month:
                axis.TickFormat = "%b %Y";
                break;
        }
    }

    /// <summary>Text for plotly.js' templates, where markup is read as such.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static bool AnyNegative(Column column)
    {
        for (var r = 0; r < column.Length; r++)
            if (!column.IsNull(r) && Numbers.AsDouble(column, r) < 0) return true;
        return false;
    }

    private static double Largest(Column column)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var r = 0; r < column.Length; r++)
        {
            if (column.IsNull(r)) continue;
            var v = Numbers.AsDouble(column, r);
            if (double.IsNaN(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return max >= min ? Math.Max(Math.Abs(max), Math.Abs(min)) : 1;
    }
}
