namespace Mallard.Data;

/// <summary>
/// A column of plain values (booleans, integers, floating point, HUGEINT, UUID, INTERVAL): the values
/// are directly usable as a span.
/// </summary>
public sealed class PrimitiveColumn<T> : FixedWidthColumn<T>
    where T : unmanaged
{
    public PrimitiveColumn(string name, DataType type, T[] values, ulong[]? validity = null)
        : this(name, type, values, values?.Length ?? 0, validity)
    {
    }

    internal PrimitiveColumn(string name, DataType type, T[] values, int length, ulong[]? validity)
        : base(name, type, values, length, validity)
    {
        if (type.ClrType != typeof(T))
            throw new ArgumentException($"Column '{name}' of type {type.Name} holds {type.ClrType.Name} values, not {typeof(T).Name}.", nameof(type));
    }

    /// <summary>
    /// Creates a column from nullable values (null becomes NULL), with the SQL type that matches
    /// <typeparamref name="T"/>: for example BIGINT for <see cref="long"/>, UUID for <see cref="Guid"/>,
    /// INTERVAL for <see cref="Interval"/>.
    /// </summary>
    public static PrimitiveColumn<T> Create(string name, IReadOnlyList<T?> values) => Create(name, DefaultType(), values);

    /// <summary>Creates a column of the given type from nullable values (null becomes NULL).</summary>
    public static PrimitiveColumn<T> Create(string name, DataType type, IReadOnlyList<T?> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        var raw = new T[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < raw.Length; i++)
        {
            if (values[i] is { } v) raw[i] = v;
            else
            {
                validity ??= Validity.AllValid(raw.Length);
                Validity.SetNull(validity, i);
            }
        }
        return new PrimitiveColumn<T>(name, type, raw, raw.Length, validity);
    }

    /// <summary>The values as a span; a NULL row holds an unspecified value.</summary>
    public ReadOnlySpan<T> Values => RawValues;

    /// <summary>The value at <paramref name="row"/>; check <see cref="Column.IsNull"/> first where NULLs are possible.</summary>
    public T this[int row]
    {
        get
        {
            CheckRow(row);
            return RawArray[row];
        }
    }

    /// <summary>The value at <paramref name="row"/>, or null for NULL.</summary>
    public T? GetNullable(int row) => IsNull(row) ? null : RawArray[row];

    private static DataType DefaultType()
    {
        var type = typeof(T);
        if (type == typeof(bool)) return DataType.Boolean;
        if (type == typeof(sbyte)) return DataType.Int8;
        if (type == typeof(short)) return DataType.Int16;
        if (type == typeof(int)) return DataType.Int32;
        if (type == typeof(long)) return DataType.Int64;
        if (type == typeof(byte)) return DataType.UInt8;
        if (type == typeof(ushort)) return DataType.UInt16;
        if (type == typeof(uint)) return DataType.UInt32;
        if (type == typeof(ulong)) return DataType.UInt64;
        if (type == typeof(Int128)) return DataType.Int128;
        if (type == typeof(UInt128)) return DataType.UInt128;
        if (type == typeof(float)) return DataType.Float;
        if (type == typeof(double)) return DataType.Double;
        if (type == typeof(Guid)) return DataType.Uuid;
        if (type == typeof(Interval)) return DataType.Interval;
        throw new NotSupportedException($"No SQL type is stored as {type.Name} in a primitive column.");
    }

    public override Column WithName(string name) => new PrimitiveColumn<T>(name, Type, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => RawArray[row];

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) =>
        new PrimitiveColumn<T>(Name, Type, Gather(rows), rows.Length, validity);
}
