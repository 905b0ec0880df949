using System.Globalization;
using Mallard.Data;
using Mallard.Display.Internal;

namespace Mallard.Display.Plotly;

/// <summary>Reads frame columns into the values plotly.js expects.</summary>
internal static class ChartData
{
    public static bool IsTemporal(Column column) => column.Type.Kind is DataKind.Date or DataKind.Timestamp or DataKind.TimestampTz;

    /// <summary>The axis type a column calls for: <c>date</c> for dates and timestamps, <c>category</c> for text, none (linear) for numbers.</summary>
    public static string? AxisType(Column column) =>
        IsTemporal(column) ? "date" : column.Type.IsNumeric ? null : "category";

    public static Column Get(Frame frame, string name)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return frame[name];
    }

    public static Column Numeric(Frame frame, string name, string role)
    {
        var column = Get(frame, name);
        if (!column.Type.IsNumeric)
            throw new ArgumentException($"The {role} of a chart must be a numeric column; '{column.Name}' is {column.Type.Name}.", role);
        return column;
    }

    /// <summary>All values of the given rows, in order.</summary>
    public static object?[] Values(Column column, IReadOnlyList<int> rows)
    {
        var values = new object?[rows.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Value(column, rows[i]);
        return values;
    }

    /// <summary>The display text of the given rows (for labels drawn on bars).</summary>
    public static object?[] Texts(Column column, IReadOnlyList<int> rows)
    {
        var values = new object?[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var cell = CellText.Format(column, rows[i], 200);
            values[i] = cell.IsNull ? null : cell.Text;
        }
        return values;
    }

    public static object? Value(Column column, int row)
    {
        if (column.IsNull(row)) return null;
        switch (column)
        {
            case DecimalColumn d:
                return d.Precision <= 28 ? d[row] : d.GetDouble(row);
            case PrimitiveColumn<double> p:
                return double.IsFinite(p[row]) ? p[row] : null;
            case PrimitiveColumn<float> p:
                return float.IsFinite(p[row]) ? (double)p[row] : null;
            case PrimitiveColumn<Int128> p:
                return (double)p[row];
            case PrimitiveColumn<UInt128> p:
                return (double)p[row];
            case DateColumn d:
                return d[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case TimestampColumn t:
                {
                    var text = t[row].ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    return text.EndsWith('.') ? text[..^1] : text;
                }
        }
        if (column.Type.IsNumeric) return column.GetValue(row);
        return ValueText.Format(column, row);
    }

    /// <summary>The text naming a row's group (a series of a colour column); NULL is its own group.</summary>
    public static string Label(Column column, int row) =>
        column.IsNull(row) ? CellText.NullText : Value(column, row) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? "" : "";

    /// <summary>Row indexes grouped by the value of <paramref name="column"/>, groups in order of first appearance; one group of every row when there is no column.</summary>
    public static List<(string? Name, List<int> Rows)> Groups(Frame frame, string? column)
    {
        if (column is null) return [(null, [.. Enumerable.Range(0, frame.RowCount)])];
        var by = Get(frame, column);
        var groups = new List<(string? Name, List<int> Rows)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < frame.RowCount; row++)
        {
            var label = Label(by, row);
            if (!index.TryGetValue(label, out var at))
            {
                at = groups.Count;
                index[label] = at;
                groups.Add((label, []));
            }
            groups[at].Rows.Add(row);
        }
        return groups;
    }

    /// <summary>Distinct values of a column in order of first appearance (heatmap axes).</summary>
    public static (List<object?> Values, Dictionary<string, int> Index) Distinct(Column column)
    {
        var values = new List<object?>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < column.Length; row++)
        {
            var label = Label(column, row);
            if (index.ContainsKey(label)) continue;
            index[label] = values.Count;
            values.Add(column.IsNull(row) ? CellText.NullText : Value(column, row));
        }
        return (values, index);
    }
}
