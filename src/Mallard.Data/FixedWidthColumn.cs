namespace Mallard.Data;

/// <summary>A column whose values are stored in one contiguous array of a fixed-width raw type.</summary>
public abstract class FixedWidthColumn<TRaw> : Column
    where TRaw : unmanaged
{
    private readonly TRaw[] _raw;

    private protected FixedWidthColumn(string name, DataType type, TRaw[] raw, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length < length) throw new ArgumentException($"Column '{name}' has {length} rows but {raw.Length} values.", nameof(raw));
        _raw = raw;
    }

    /// <summary>The stored values; a NULL row holds an unspecified value (check <see cref="Column.IsNull"/>).</summary>
    public ReadOnlySpan<TRaw> RawValues => _raw.AsSpan(0, Length);

    internal TRaw[] RawArray => _raw;

    private protected TRaw[] Gather(ReadOnlySpan<int> rows)
    {
        var result = new TRaw[rows.Length];
        for (var i = 0; i < rows.Length; i++) result[i] = _raw[rows[i]];
        return result;
    }
}
