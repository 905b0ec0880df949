using System.Globalization;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display;

/// <summary>
/// How values are written for people: money, percentages, fixed decimals, identifiers, dates and months. Tables, chart axes
/// and hover labels, KPI cards and sentences all write through it, so a figure reads the same everywhere, rounded once, half
/// away from zero, whatever the current culture. Give a table's columns one with <see cref="FormattedTable"/> or
/// <c>#!sql --format</c>; by default <see cref="For"/> picks one from the column's type and name.
/// </summary>
public sealed record ValueFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private ValueFormat(ValueFormatKind kind, int? decimals, string symbol)
    {
        if (decimals is < 0 or > 15) throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Give 0 to 15 decimals.");
        ArgumentNullException.ThrowIfNull(symbol);
        Kind = kind;
        Decimals = decimals;
        Symbol = symbol;
    }

    public ValueFormatKind Kind { get; }

    /// <summary>Digits after the point; null lets the kind decide (a DECIMAL keeps its scale).</summary>
    public int? Decimals { get; }

    /// <summary>The currency symbol written before money.</summary>
    public string Symbol { get; }

    /// <summary>By the column's type; in tables and charts, by its name's conventions too.</summary>
    public static ValueFormat Auto { get; } = new(ValueFormatKind.Auto, null, "$");

    /// <summary>Integers without thousands separators: ids, years, codes.</summary>
    public static ValueFormat Id { get; } = new(ValueFormatKind.Id, null, "$");

    /// <summary><c>2025-07-01</c>.</summary>
    public static ValueFormat Date { get; } = new(ValueFormatKind.Date, null, "$");

    /// <summary><c>Jul 2025</c>.</summary>
    public static ValueFormat Month { get; } = new(ValueFormatKind.Month, null, "$");

    /// <summary>The value as DuckDB writes it.</summary>
    public static ValueFormat Text { get; } = new(ValueFormatKind.Text, null, "$");

    /// <summary>Thousands separators and, when given, a fixed number of decimals.</summary>
    public static ValueFormat Number(int? decimals = null) => new(ValueFormatKind.Number, decimals, "$");

    /// <summary>Money: <c>$1,234.57</c>.</summary>
    public static ValueFormat Currency(int decimals = 2, string symbol = "$") => new(ValueFormatKind.Currency, decimals, symbol);

    /// <summary>A fraction as a percentage: 0.4695 with one decimal is <c>47.0%</c>.</summary>
    public static ValueFormat Percent(int decimals = 1) => new(ValueFormatKind.Percent, decimals, "$");

    /// <summary><c>20.4k</c>, <c>1.2M</c>, <c>3.4B</c>.</summary>
    public static ValueFormat Compact(int decimals = 1) => new(ValueFormatKind.Compact, decimals, "$");

    /// <summary>
    /// A format from its name, as <c>#!sql --format</c> takes it: <c>currency</c>, <c>percent</c>, <c>number</c>, <c>compact</c>,
    /// each optionally with decimals after a colon (<c>percent:2</c>, <c>currency:0</c>); <c>id</c>, <c>date</c>, <c>month</c>,
    /// <c>text</c>, <c>auto</c>.
    /// </summary>
    public static ValueFormat Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':', 2);
        var name = parts[0].Trim().ToLowerInvariant();
        int? decimals = null;
        if (parts.Length == 2)
        {
            if (!int.TryParse(parts[1].Trim(), NumberStyles.None, Invariant, out var d) || d > 15)
                throw new FormatException($"'{text.Trim()}': the decimals after ':' are a whole number from 0 to 15.");
            decimals = d;
        }
        ValueFormat? format = name switch
        {
            "currency" or "money" => Currency(decimals ?? 2),
            "percent" or "pct" => Percent(decimals ?? 1),
            "number" => Number(decimals),
            "compact" => Compact(decimals ?? 1),
            "id" => Id,
            "date" => Date,
            "month" => Month,
            "text" => Text,
            "auto" => Auto,
            _ => null,
        };
        if (format is null)
            throw new FormatException($"'{parts[0].Trim()}' is not a format; use currency, percent, number, compact (each with :DECIMALS if you like), id, date, month, text or auto.");
        if (decimals is not null && format.Kind is ValueFormatKind.Id or ValueFormatKind.Date or ValueFormatKind.Month or ValueFormatKind.Text or ValueFormatKind.Auto)
            throw new FormatException($"'{text.Trim()}': {name} takes no decimals.");
        return format;
    }

    /// <summary>
    /// The format a table or chart gives <paramref name="column"/> when told none, from its type and the last word of its name
    /// (the way Evidence formats by name):
    /// <list type="bullet">
    /// <item>a DECIMAL or floating-point column whose name ends in share, rate, pct, percent, ratio or retention, with every value
    /// between -1 and 1: <see cref="Percent"/>;</item>
    /// <item>a DECIMAL or floating-point column named for money (revenue, spend, spent, sales, amount, price, cost, aov, ltv, usd,
    /// gmv, profit, income; value for a DECIMAL): <see cref="Currency"/>;</item>
    /// <item>an integer column named <c>id</c> or ending in <c>_id</c>: <see cref="Id"/>;</item>
    /// <item>a DATE or TIMESTAMP column named for a month whose values all fall on the first of a month: <see cref="Month"/>;</item>
    /// <item>anything else: <see cref="Auto"/>.</item>
    /// </list>
    /// </summary>
    public static ValueFormat For(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var words = ColumnLabel.Words(column.Name);
        if (words.Length == 0) return Auto;
        var last = words[^1];
        var kind = column.Type.Kind;
        var fractional = kind is DataKind.Decimal or DataKind.Double or DataKind.Float;
        if (fractional && last is "share" or "rate" or "pct" or "percent" or "percentage" or "ratio" or "retention" && AllFractions(column))
            return Percent();
        if (fractional && (last is "revenue" or "revenues" or "spend" or "spent" or "sales" or "amount" or "price" or "cost" or "costs" or "aov"
                or "ltv" or "usd" or "gmv" or "profit" or "income" || (last == "value" && kind == DataKind.Decimal)))
            return Currency();
        if (IsInteger(kind) && (last == "id" && (words.Length == 1 || column.Name.EndsWith("_id", StringComparison.OrdinalIgnoreCase))))
            return Id;
        if (words.Contains("month") && column is DateColumn or TimestampColumn && AllFirstOfMonth(column)) return Month;
        return Auto;
    }

    /// <summary>Whether this format can write values of <paramref name="type"/>.</summary>
    public bool Accepts(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Kind switch
        {
            ValueFormatKind.Number or ValueFormatKind.Currency or ValueFormatKind.Percent or ValueFormatKind.Compact => type.IsNumeric,
            ValueFormatKind.Id => IsInteger(type.Kind) || type.Kind is DataKind.Decimal or DataKind.Varchar or DataKind.Uuid,
            ValueFormatKind.Date or ValueFormatKind.Month => type.Kind is DataKind.Date or DataKind.Timestamp or DataKind.TimestampTz,
            _ => true,
        };
    }

    /// <summary>A value as this format writes it, for a sentence or a card: <c>ValueFormat.Currency().Format(1234.5m)</c> is <c>$1,234.50</c>. Null is an em dash.</summary>
    public string Format(object? value)
    {
        if (value is null or DBNull) return "—";
        switch (Kind)
        {
            case ValueFormatKind.Currency or ValueFormatKind.Percent or ValueFormatKind.Number or ValueFormatKind.Compact:
                if (value is decimal m) return Number(m);
                if (value is double or float) return Number(Convert.ToDouble(value, Invariant));
                if (value is IConvertible && IsNumber(value)) return Number(Convert.ToDecimal(value, Invariant));
                if (value is Int128 or UInt128 && decimal.TryParse(Convert.ToString(value, Invariant), NumberStyles.Integer, Invariant, out var wide)) return Number(wide);
                break;
            case ValueFormatKind.Id when IsNumber(value) && value is IFormattable f:
                return f.ToString(null, Invariant);
            case ValueFormatKind.Date or ValueFormatKind.Month when value is DateOnly or DateTime or DateTimeOffset:
                return DateText(value switch { DateOnly d => d, DateTime t => DateOnly.FromDateTime(t), _ => DateOnly.FromDateTime(((DateTimeOffset)value).DateTime) });
            case ValueFormatKind.Auto when value is decimal a:
                return CellText.GroupDecimalText(a.ToString(Invariant));
            case ValueFormatKind.Auto when value is double or float:
                return CellText.FormatDouble(Convert.ToDouble(value, Invariant));
            case ValueFormatKind.Auto when IsNumber(value) && value is IFormattable i:
                return i.ToString("N0", Invariant);
            case ValueFormatKind.Auto when value is DateOnly d:
                return d.ToString("yyyy-MM-dd", Invariant);
        }
        return Convert.ToString(value, Invariant) ?? "";
    }

    /// <summary>The format as <see cref="Parse"/> reads it: <c>currency:2</c>, <c>percent:1</c>, <c>id</c>.</summary>
    public override string ToString()
    {
        var name = Kind.ToString().ToLowerInvariant();
        return Decimals is { } d ? name + ":" + d.ToString(Invariant) : name;
    }

    internal string Number(decimal value) => Kind switch
    {
        ValueFormatKind.Currency => NumberText.Money(value, Decimals ?? 2, Symbol),
        ValueFormatKind.Percent => NumberText.Percent(value, Decimals ?? 1),
        ValueFormatKind.Compact => NumberText.Compact((double)value, Decimals ?? 1),
        _ => Decimals is { } d ? NumberText.Fixed(value, d) : CellText.GroupDecimalText(value.ToString(Invariant)),
    };

    internal string Number(double value) => !double.IsFinite(value) ? CellText.FormatDouble(value) : Kind switch
    {
        ValueFormatKind.Currency => NumberText.Money(value, Decimals ?? 2, Symbol),
        ValueFormatKind.Percent => NumberText.Percent(value, Decimals ?? 1),
        ValueFormatKind.Compact => NumberText.Compact(value, Decimals ?? 1),
        _ => Decimals is { } d ? NumberText.Fixed(value, d) : CellText.FormatDouble(value),
    };

    private string DateText(DateOnly date) => Kind == ValueFormatKind.Month
        ? date.ToString("MMM yyyy", Invariant)
        : date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>A table cell of <paramref name="column"/> at <paramref name="row"/>, written by this format.</summary>
    internal Cell Cell(Column column, int row, int maxChars, int? doubleDecimals)
    {
        if (column.IsNull(row)) return new Cell(CellText.NullText, CellKind.Null, null);
        switch (Kind)
        {
            case ValueFormatKind.Number when Decimals is null:
            case ValueFormatKind.Auto:
                {
                    var cell = CellText.Format(column, row, maxChars, doubleDecimals);
                    // Dates and times never wrap (a cell of 2025-07-01 must not break at its hyphens) and sort in time order.
                    return column switch
                    {
                        DateColumn dates when !dates.IsInfinity(row) => cell with { Kind = CellKind.Date, SortKey = dates[row].DayNumber.ToString(Invariant) },
                        DateColumn or TimestampColumn or TimeColumn or TimeTzColumn => cell with { Kind = CellKind.Date },
                        _ => cell,
                    };
                }
            case ValueFormatKind.Currency or ValueFormatKind.Percent or ValueFormatKind.Number or ValueFormatKind.Compact when column.Type.IsNumeric:
                {
                    var (exact, approx, key) = Numeric(column, row);
                    var text = exact is { } e ? Number(e) : Number(approx);
                    return new Cell(text, CellKind.Number, key);
                }
            case ValueFormatKind.Id when column.Type.IsNumeric:
                {
                    var text = column is DecimalColumn d ? d.GetString(row) : Convert.ToString(column.GetValue(row), Invariant) ?? "";
                    return new Cell(text, CellKind.Number, text);
                }
            case ValueFormatKind.Date or ValueFormatKind.Month when column is DateColumn or TimestampColumn:
                {
                    if (column is DateColumn dc && dc.IsInfinity(row) || column is TimestampColumn tc && tc.IsInfinity(row))
                        return new Cell(ValueText.Format(column, row), CellKind.Date, null);
                    var date = column is DateColumn dates ? dates[row] : DateOnly.FromDateTime(((TimestampColumn)column)[row]);
                    return new Cell(DateText(date), CellKind.Date, date.DayNumber.ToString(Invariant));
                }
        }
        return new Cell(CellText.Truncate(ValueText.Format(column, row), maxChars), CellKind.Text, null);
    }

    /// <summary>The exact value when it fits a decimal, the double it is near, and the key a table sorts it by.</summary>
    private static (decimal? Exact, double Approx, string? Key) Numeric(Column column, int row)
    {
        switch (column)
        {
            case DecimalColumn d:
                {
                    var text = d.GetString(row);
                    return (decimal.TryParse(text, NumberStyles.Number, Invariant, out var m) ? m : null, d.GetDouble(row), text);
                }
            case PrimitiveColumn<double> p:
                return (null, p[row], double.IsNaN(p[row]) ? null : p[row].ToString("R", Invariant));
            case PrimitiveColumn<float> p:
                return (null, p[row], float.IsNaN(p[row]) ? null : p[row].ToString("R", Invariant));
        }
        var value = column.GetValue(row);
        var key = Convert.ToString(value, Invariant);
        return decimal.TryParse(key, NumberStyles.Number, Invariant, out var exact)
            ? (exact, (double)exact, key)
            : (null, double.Parse(key ?? "0", NumberStyles.Float, Invariant), key);
    }

    private static bool IsNumber(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong or Int128 or UInt128 or decimal or double or float;

    private static bool IsInteger(DataKind kind) => kind is >= DataKind.Int8 and <= DataKind.UInt128;

    private static bool AllFractions(Column column)
    {
        var any = false;
        for (var r = 0; r < column.Length; r++)
        {
            if (column.IsNull(r)) continue;
            var v = Numbers.AsDouble(column, r);
            if (double.IsNaN(v)) continue;
            if (Math.Abs(v) > 1) return false;
            any = true;
        }
        return any;
    }

    private static bool AllFirstOfMonth(Column column)
    {
        var any = false;
        for (var r = 0; r < column.Length; r++)
        {
            if (column.IsNull(r)) continue;
            if (column is DateColumn d)
            {
                if (d.IsInfinity(r) || d[r].Day != 1) return false;
            }
            else if (column is TimestampColumn t)
            {
                if (t.IsInfinity(r) || t[r] is var v && (v.Day != 1 || v.TimeOfDay != TimeSpan.Zero)) return false;
            }
            any = true;
        }
        return any;
    }
}
