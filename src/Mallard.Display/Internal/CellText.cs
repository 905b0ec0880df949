using System.Globalization;
using Mallard.Data;

namespace Mallard.Display.Internal;

/// <summary>
/// The text a table shows for a value: numbers with thousands separators and a sensible number of
/// decimals (a DECIMAL keeps its scale), dates and timestamps in ISO form, everything else as DuckDB
/// writes it. Independent of the current culture.
/// </summary>
internal static class CellText
{
    public const string NullText = "NULL";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Cell Format(Column column, int row, int maxChars) => Format(column, row, maxChars, null);

    /// <summary>
    /// The cell's text; a floating-point value is written with <paramref name="doubleDecimals"/> decimals when given
    /// (one number of decimals for a whole column, see <see cref="DoubleDecimals"/>), else as <see cref="FormatDouble(double)"/> does.
    /// </summary>
    public static Cell Format(Column column, int row, int maxChars, int? doubleDecimals)
    {
        if (column.IsNull(row)) return new Cell(NullText, CellKind.Null, null);
        switch (column)
        {
            case DecimalColumn d:
                {
                    var exact = d.GetString(row);
                    return new Cell(GroupDecimalText(exact), CellKind.Number, exact);
                }
            case PrimitiveColumn<double> p:
                return Double(p[row], doubleDecimals);
            case PrimitiveColumn<float> p:
                return Double(p[row], doubleDecimals);
        }
        if (column.Type.IsNumeric && column.GetValue(row) is IFormattable integer)
            return new Cell(integer.ToString("N0", Invariant), CellKind.Number, integer.ToString(null, Invariant));
        return new Cell(Truncate(ValueText.Format(column, row), maxChars), CellKind.Text, null);
    }

    /// <summary>A floating-point number: whole numbers without decimals, others to two decimals (four significant digits below one), extremes in exponent form.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return "0";
        var magnitude = Math.Abs(value);
        if (magnitude >= 1e15 || magnitude < 1e-4) return value.ToString("0.###e+0", Invariant);
        if (value == Math.Floor(value)) return value.ToString("N0", Invariant);
        if (magnitude >= 1) return value.ToString("#,##0.##", Invariant);
        return value.ToString("G4", Invariant);
    }

    /// <summary>
    /// The decimals a floating-point column shows in its first <paramref name="rows"/> rows, the same for every value:
    /// none when they are all whole, four when any fraction lies below one (shares and rates: 0.8813 beside 1.0112),
    /// two otherwise. Null for a column that is not floating-point.
    /// </summary>
    public static int? DoubleDecimals(Column column, int rows)
    {
        if (column is not (PrimitiveColumn<double> or PrimitiveColumn<float>)) return null;
        var decimals = 0;
        for (var r = 0; r < rows; r++)
        {
            if (column.IsNull(r)) continue;
            var value = column is PrimitiveColumn<double> d ? d[r] : ((PrimitiveColumn<float>)column)[r];
            if (!double.IsFinite(value) || IsExtreme(value) || value == Math.Floor(value)) continue;
            if (Math.Abs(value) < 1) return 4;
            decimals = 2;
        }
        return decimals;
    }

    /// <summary>A floating-point number with a fixed number of decimals (rounded half away from zero), extremes in exponent form.</summary>
    public static string FormatDouble(double value, int decimals)
    {
        if (!double.IsFinite(value) || IsExtreme(value)) return FormatDouble(value);
        return NumberText.Fixed(value, decimals);
    }

    private static bool IsExtreme(double value) => value != 0 && (Math.Abs(value) >= 1e15 || Math.Abs(value) < 1e-4);

    /// <summary>Inserts thousands separators into the integer part of invariant decimal text such as <c>-1234567.50</c>.</summary>
    public static string GroupDecimalText(string exact)
    {
        var start = exact.StartsWith('-') ? 1 : 0;
        var point = exact.IndexOf('.', StringComparison.Ordinal);
        var end = point < 0 ? exact.Length : point;
        var digits = end - start;
        if (digits <= 3) return exact;
        var sb = new System.Text.StringBuilder(exact.Length + digits / 3);
        sb.Append(exact, 0, start);
        for (var i = start; i < end; i++)
        {
            if (i > start && (end - i) % 3 == 0) sb.Append(',');
            sb.Append(exact[i]);
        }
        sb.Append(exact, end, exact.Length - end);
        return sb.ToString();
    }

    /// <summary>Shortens text to at most <paramref name="maxChars"/> characters, ending in an ellipsis, never splitting a surrogate pair.</summary>
    public static string Truncate(string text, int maxChars)
    {
        if (text.Length <= maxChars) return text;
        var cut = Math.Max(0, maxChars - 1);
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1])) cut--;
        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static Cell Double(double value, int? decimals) =>
        new(decimals is { } d ? FormatDouble(value, d) : FormatDouble(value), CellKind.Number, double.IsNaN(value) ? null : value.ToString("R", Invariant));
}
