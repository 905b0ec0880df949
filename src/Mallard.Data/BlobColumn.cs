namespace Mallard.Data;

/// <summary>A BLOB column; each value reads as a new <see cref="byte"/> array.</summary>
public sealed class BlobColumn : VarLengthColumn
{
    internal BlobColumn(string name, byte[] data, int[] offsets, int length, ulong[]? validity)
        : base(name, DataType.Blob, data, offsets, length, validity)
    {
    }

    public static BlobColumn Create(string name, IReadOnlyList<byte[]?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (data, offsets, validity) = Pack(values);
        return new BlobColumn(name, data, offsets, values.Count, validity);
    }

    /// <summary>A copy of the bytes at <paramref name="row"/>, or null for NULL.</summary>
    public byte[]? this[int row] => IsNull(row) ? null : GetBytes(row).ToArray();

    public override Column WithName(string name) => new BlobColumn(name, DataArray, OffsetArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => GetBytes(row).ToArray();

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        var (data, offsets) = GatherBytes(rows);
        return new BlobColumn(Name, data, offsets, rows.Length, validity);
    }
}
