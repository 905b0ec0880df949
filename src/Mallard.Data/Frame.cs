using System.Globalization;
using System.Text;

namespace Mallard.Data;

/// <summary>
/// An immutable, columnar table: typed columns of equal length. Query results land here; display,
/// CSV, typed records and SQL registration read from here.
/// </summary>
public sealed partial class Frame
{
    private readonly Column[] _columns;

    public Frame(IEnumerable<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
        foreach (var column in _columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (column.Length != RowCount)
                throw new ArgumentException($"Column '{column.Name}' has {column.Length} rows but column '{_columns[0].Name}' has {RowCount}; a frame's columns must be equally long.", nameof(columns));
        }
    }

    public Frame(params Column[] columns)
        : this((IEnumerable<Column>)columns)
    {
    }

    /// <summary>A frame with no columns and no rows.</summary>
    public static Frame Empty { get; } = new([]);

    public int RowCount { get; }

    public int ColumnCount => _columns.Length;

    public IReadOnlyList<Column> Columns => _columns;

    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    public Column this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_columns.Length)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The frame has {_columns.Length} columns; there is no column {index}.");
            return _columns[index];
        }
    }

    /// <summary>The column with this name (an exact match first, then one that differs only in case).</summary>
    public Column this[string name] => TryGetColumn(name, out var column)
        ? column
        : throw new KeyNotFoundException($"The frame has no column '{name}'. Its columns are: {string.Join(", ", ColumnNames)}.");

    /// <summary>The index of the column with this name, or -1.</summary>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < _columns.Length; i++)
            if (string.Equals(_columns[i].Name, name, StringComparison.Ordinal)) return i;
        for (var i = 0; i < _columns.Length; i++)
            if (string.Equals(_columns[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public bool TryGetColumn(string name, out Column column)
    {
        var index = IndexOf(name);
        column = index >= 0 ? _columns[index] : null!;
        return index >= 0;
    }

    /// <summary>The named column as a specific column class, for example <c>GetColumn&lt;StringColumn&gt;("name")</c>.</summary>
    public TColumn GetColumn<TColumn>(string name)
        where TColumn : Column
    {
        var column = this[name];
        return column as TColumn
            ?? throw new InvalidCastException($"Column '{column.Name}' is {column.Type.Name}, held in a {column.GetType().Name}, not a {typeof(TColumn).Name}.");
    }

    /// <summary>The values of a primitive column as a span, for example <c>GetSpan&lt;long&gt;("id")</c>.</summary>
    public ReadOnlySpan<T> GetSpan<T>(string name)
        where T : unmanaged
    {
        var column = this[name];
        return column switch
        {
            PrimitiveColumn<T> p => p.Values,
            FixedWidthColumn<T> f => f.RawValues,
            _ => throw new InvalidCastException($"Column '{column.Name}' is {column.Type.Name}; its values are not stored as {typeof(T).Name}."),
        };
    }

    /// <summary>One row, read through the columns.</summary>
    public Row GetRow(int index)
    {
        if ((uint)index >= (uint)RowCount)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The frame has {RowCount} rows; there is no row {index}.");
        return new Row(this, index);
    }

    public IEnumerable<Row> Rows
    {
        get
        {
            for (var i = 0; i < RowCount; i++) yield return new Row(this, i);
        }
    }

    /// <summary>The first <paramref name="count"/> rows (all of them if there are fewer).</summary>
    public Frame Head(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Slice(0, Math.Min(count, RowCount));
    }

    /// <summary>The last <paramref name="count"/> rows (all of them if there are fewer).</summary>
    public Frame Tail(int count = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, RowCount);
        return Slice(RowCount - n, n);
    }

    /// <summary>Rows [start, start+count).</summary>
    public Frame Slice(int start, int count)
    {
        if (start == 0 && count == RowCount) return this;
        return new Frame(_columns.Select(c => c.Slice(start, count)));
    }

    /// <summary>The given rows, in the given order.</summary>
    public Frame Take(ReadOnlySpan<int> rows)
    {
        var result = new Column[_columns.Length];
        for (var i = 0; i < result.Length; i++) result[i] = _columns[i].Take(rows);
        return new Frame(result);
    }

    /// <summary>A frame with only the named columns, in the given order.</summary>
    public Frame Select(params string[] names) => new(names.Select(n => this[n]));

    /// <summary>Shape and schema, for example <c>Frame: 3 rows × 2 columns (id BIGINT, name VARCHAR)</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Frame: {RowCount:N0} rows × {ColumnCount} columns");
        if (ColumnCount > 0) sb.Append(" (").AppendJoin(", ", _columns.Select(c => c.Name + " " + c.Type.Name)).Append(')');
        return sb.ToString();
    }
}
