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

    public override Column WithName(string name) => new PrimitiveColumn<T>(name, Type, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => RawArray[row];

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) =>
        new PrimitiveColumn<T>(Name, Type, Gather(rows), rows.Length, validity);
}
