using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.Tests.Recomputation;

namespace Mallard.Warehouse.Tests.Recomputation;

/// <summary>
/// A recomputed table against the gold table the warehouse built: rows matched by key, and every recomputed column
/// that the gold table has compared value by value. Decimals, whole numbers, dates, booleans and text must be equal;
/// doubles equal to a relative tolerance of 1e-9 (with an absolute floor of 1e-12 for values near zero).
/// </summary>
internal sealed class TableComparison
{
    private const int ExamplesPerColumn = 5;
    private const double RelativeTolerance = 1e-9;
    private const double AbsoluteTolerance = 1e-12;

    private TableComparison(string table)
    {
        Table = table;
    }

    public string Table { get; }

    public int RecomputedRows { get; private set; }

    public int GoldRows { get; private set; }

    /// <summary>Columns the recomputation produces that the gold table lacks.</summary>
    public IReadOnlyList<string> MissingColumns { get; private set; } = [];

    /// <summary>Columns of the gold table the recomputation does not produce (so nothing checks them).</summary>
    public IReadOnlyList<string> UncheckedColumns { get; private set; } = [];

    public IReadOnlyList<string> ComparedColumns { get; private set; } = [];

    /// <summary>Keys of recomputed rows the gold table does not have.</summary>
    public List<string> MissingRows { get; } = [];

    /// <summary>Keys of gold rows the recomputation does not have.</summary>
    public List<string> UnexpectedRows { get; } = [];

    /// <summary>Keys that more than one gold row has.</summary>
    public List<string> DuplicateKeys { get; } = [];

    /// <summary>Per compared column (in column order), the rows whose values differ.</summary>
    public List<(string Column, List<(string Key, object? Recomputed, object? Gold)> Rows)> Differences { get; } = [];

    /// <summary>Rows present in both with at least one differing value.</summary>
    public int DifferingRows { get; private set; }

    public bool ValuesEqual => MissingRows.Count == 0 && UnexpectedRows.Count == 0 && DuplicateKeys.Count == 0 && DifferingRows == 0;

    public bool ColumnsEqual => MissingColumns.Count == 0 && UncheckedColumns.Count == 0;

    public static TableComparison Compare<TRow>(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<TRow> recomputed, Frame gold)
    {
        var properties = typeof(TRow).GetProperties();
        var columns = properties.Select(p => SnakeCase(p.Name)).ToList();
        var goldColumns = gold.ColumnNames.ToList();
        var comparison = new TableComparison(table)
        {
            RecomputedRows = recomputed.Count,
            GoldRows = gold.RowCount,
            MissingColumns = columns.Except(goldColumns, StringComparer.Ordinal).ToList(),
            UncheckedColumns = goldColumns.Except(columns, StringComparer.Ordinal).ToList(),
            ComparedColumns = columns.Intersect(goldColumns, StringComparer.Ordinal).ToList(),
        };
        if (keyColumns.Except(goldColumns, StringComparer.Ordinal).Any())
            throw new InvalidOperationException($"{table} lacks a key column: it has {string.Join(", ", goldColumns)}.");

        var goldRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < gold.RowCount; row++)
        {
            var key = Key(keyColumns, column => gold[column].GetValue(row));
            if (!goldRows.TryAdd(key, row)) comparison.DuplicateKeys.Add(key);
        }

        var compared = comparison.ComparedColumns.Select(c => (Name: c, Property: properties[columns.IndexOf(c)], Gold: gold[c])).ToList();
        var differences = compared.Select(c => (c.Name, Rows: new List<(string, object?, object?)>())).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in recomputed)
        {
            var key = Key(keyColumns, column => properties[columns.IndexOf(column)].GetValue(row));
            if (!goldRows.TryGetValue(key, out var goldRow))
            {
                comparison.MissingRows.Add(key);
                continue;
            }
            matched.Add(key);
            var differs = false;
            for (var i = 0; i < compared.Count; i++)
            {
                var expected = Normalize(compared[i].Property.GetValue(row));
                var actual = Normalize(compared[i].Gold.GetValue(goldRow));
                if (Same(expected, actual)) continue;
                differences[i].Rows.Add((key, expected, actual));
                differs = true;
            }
            if (differs) comparison.DifferingRows++;
        }
        comparison.UnexpectedRows.AddRange(goldRows.Keys.Where(k => !matched.Contains(k)).Order(StringComparer.Ordinal));
        comparison.Differences.AddRange(differences.Where(d => d.Rows.Count > 0));
        return comparison;
    }

    /// <summary>What differs in the values, with examples: table, key, column, both values.</summary>
    public string DescribeValues()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{Table}: {RecomputedRows} recomputed rows, {GoldRows} gold rows, {ComparedColumns.Count} columns compared.");
        if (DuplicateKeys.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n  {DuplicateKeys.Count} keys are on more than one gold row, e.g. {Sample(DuplicateKeys)}");
        if (MissingRows.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n  {MissingRows.Count} recomputed rows are not in gold, e.g. {Sample(MissingRows)}");
        if (UnexpectedRows.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n  {UnexpectedRows.Count} gold rows are not recomputed, e.g. {Sample(UnexpectedRows)}");
        if (DifferingRows > 0)
            text.Append(CultureInfo.InvariantCulture, $"\n  {DifferingRows} rows differ, in {Differences.Count} columns:");
        foreach (var (column, rows) in Differences)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    {column}: {rows.Count} rows differ, e.g.");
            foreach (var (key, recomputed, gold) in rows.Take(ExamplesPerColumn))
                text.Append(CultureInfo.InvariantCulture, $"\n      {key}: recomputed {Format(recomputed)}, gold {Format(gold)}");
        }
        return text.ToString();
    }

    /// <summary>Which columns the two sides do not share.</summary>
    public string DescribeColumns()
    {
        var text = new StringBuilder(Table).Append(':');
        if (MissingColumns.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $" the gold table lacks the recomputed columns {string.Join(", ", MissingColumns)};");
        if (UncheckedColumns.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $" the gold table has columns the recomputation does not produce: {string.Join(", ", UncheckedColumns)};");
        return text.ToString();
    }

    private static string Sample(List<string> keys) =>
        string.Join("; ", keys.Take(ExamplesPerColumn)) + (keys.Count > ExamplesPerColumn ? "; ..." : "");

    private static string Key(IReadOnlyList<string> keyColumns, Func<string, object?> value) =>
        string.Join(", ", keyColumns.Select(c => $"{c}={Format(Normalize(value(c)))}"));

    /// <summary>Whole numbers as long, decimals as decimal, floating point as double; others as they are.</summary>
    private static object? Normalize(object? value) => value switch
    {
        null => null,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        SqlDecimal d => d.Value,
        _ => value,
    };

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double e, double a) => e == a || Math.Abs(e - a) <= Math.Max(AbsoluteTolerance, RelativeTolerance * Math.Max(Math.Abs(e), Math.Abs(a))),
        _ => expected.GetType() == actual.GetType() && expected.Equals(actual),
    };

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s}'",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + " (DOUBLE)",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + " (DECIMAL)",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
