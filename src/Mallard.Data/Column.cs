namespace Mallard.Data;

/// <summary>
/// One immutable, typed column of a <see cref="Frame"/>: values in a columnar buffer plus a validity
/// bitmap (DuckDB's layout: a set bit marks a value, a clear bit a NULL; no bitmap means no NULLs).
/// </summary>
public abstract class Column
{
    /// <summary>
    /// A column of the .NET type <paramref name="type"/> (any type a record property may have: numbers, decimal, string,
    /// dates and times, Guid, byte[], enums, and their nullable forms) from boxed values, null or DBNull meaning NULL.
    /// </summary>
    public static Column FromValues(string name, Type type, IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        return RecordColumns.FromValues(name, type, values);
    }

    private readonly ulong[]? _validity;
    private int _nullCount = -1;

    private protected Column(string name, DataType type, int length, ulong[]? validity)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (validity is not null && validity.Length < Validity.WordCount(length))
            throw new ArgumentException($"The validity bitmap of column '{name}' holds {validity.Length * 64} rows, fewer than its {length} rows.", nameof(validity));
        Name = name;
        Type = type;
        Length = length;
        _validity = validity;
    }

    public string Name { get; }

    public DataType Type { get; }

    /// <summary>Number of rows.</summary>
    public int Length { get; }

    /// <summary>Number of NULL rows (counted once, on first use).</summary>
    public int NullCount
    {
        get
        {
            if (_nullCount < 0) _nullCount = Validity.CountNulls(_validity, Length);
            return _nullCount;
        }
    }

    /// <summary>The validity words (bit set = value present), or an empty span when no row is NULL.</summary>
    public ReadOnlySpan<ulong> ValidityBits => _validity;

    internal ulong[]? ValidityArray => _validity;

    public bool IsNull(int row)
    {
        CheckRow(row);
        return !Validity.IsValid(_validity, row);
    }

    /// <summary>The value at <paramref name="row"/> as its .NET type (<see cref="DataType.ClrType"/>), or null for NULL.</summary>
    public object? GetValue(int row)
    {
        CheckRow(row);
        return Validity.IsValid(_validity, row) ? GetValueCore(row) : null;
    }

    /// <summary>Every value in order, NULLs as null.</summary>
    public IEnumerable<object?> AsEnumerable()
    {
        for (var i = 0; i < Length; i++) yield return GetValue(i);
    }

    /// <summary>A column with the same values and another name.</summary>
    public abstract Column WithName(string name);

    /// <summary>A new column holding the given rows, in the given order.</summary>
    public Column Take(ReadOnlySpan<int> rows)
    {
        foreach (var row in rows) CheckRow(row);
        return TakeCore(rows, Validity.Gather(_validity, rows));
    }

    /// <summary>A new column holding rows [start, start+count).</summary>
    public Column Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Length) throw new ArgumentOutOfRangeException(nameof(count), $"Rows {start}..{start + count} run past the end of column '{Name}' ({Length} rows).");
        var rows = new int[count];
        for (var i = 0; i < count; i++) rows[i] = start + i;
        return TakeCore(rows, Validity.Slice(_validity, start, count));
    }

    public override string ToString() => $"{Name} {Type.Name} ({Length} rows)";

    private protected abstract object GetValueCore(int row);

    private protected abstract Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity);

    private protected void CheckRow(int row)
    {
        if ((uint)row >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is outside column '{Name}', which has {Length} rows.");
    }

    private protected bool IsValidUnchecked(int row) => Validity.IsValid(_validity, row);
}
