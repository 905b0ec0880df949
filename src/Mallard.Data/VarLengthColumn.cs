namespace Mallard.Data;

/// <summary>
/// A column of variable-length byte values (VARCHAR as UTF-8, BLOB) kept in one buffer with offsets:
/// row i spans <c>Bytes[Offsets[i]..Offsets[i+1]]</c>.
/// </summary>
public abstract class VarLengthColumn : Column
{
    private readonly byte[] _data;
    private readonly int[] _offsets;

    private protected VarLengthColumn(string name, DataType type, byte[] data, int[] offsets, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length < length + 1) throw new ArgumentException($"Column '{name}' has {length} rows but {offsets.Length} offsets; it needs one more offset than rows.", nameof(offsets));
        if (offsets[length] > data.Length) throw new ArgumentException($"The offsets of column '{name}' run past its {data.Length} bytes.", nameof(offsets));
        _data = data;
        _offsets = offsets;
    }

    /// <summary>The raw bytes of the row (empty for NULL).</summary>
    public ReadOnlySpan<byte> GetBytes(int row)
    {
        CheckRow(row);
        return _data.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
    }

    /// <summary>The byte length of the row's value.</summary>
    public int GetByteLength(int row)
    {
        CheckRow(row);
        return _offsets[row + 1] - _offsets[row];
    }

    /// <summary>All rows' bytes, back to back.</summary>
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets[Length]);

    /// <summary>Length + 1 offsets into <see cref="Data"/>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    internal byte[] DataArray => _data;

    internal int[] OffsetArray => _offsets;

    private protected (byte[] Data, int[] Offsets) GatherBytes(ReadOnlySpan<int> rows)
    {
        long total = 0;
        foreach (var row in rows) total += _offsets[row + 1] - _offsets[row];
        if (total > Array.MaxLength) throw new InvalidOperationException($"Column '{Name}' would exceed the 2 GiB a column's text can hold.");
        var data = GC.AllocateUninitializedArray<byte>((int)total);
        var offsets = new int[rows.Length + 1];
        var at = 0;
        for (var i = 0; i < rows.Length; i++)
        {
            var start = _offsets[rows[i]];
            var length = _offsets[rows[i] + 1] - start;
            _data.AsSpan(start, length).CopyTo(data.AsSpan(at));
            at += length;
            offsets[i + 1] = at;
        }
        return (data, offsets);
    }

    /// <summary>Packs values into one buffer and offsets (null values become NULL rows).</summary>
    private protected static (byte[] Data, int[] Offsets, ulong[]? Validity) Pack(IReadOnlyList<byte[]?> values)
    {
        long total = 0;
        foreach (var v in values) total += v?.Length ?? 0;
        var data = new byte[total];
        var offsets = new int[values.Count + 1];
        ulong[]? validity = null;
        var at = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } bytes)
            {
                bytes.CopyTo(data, at);
                at += bytes.Length;
            }
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
            offsets[i + 1] = at;
        }
        return (data, offsets, validity);
    }
}
