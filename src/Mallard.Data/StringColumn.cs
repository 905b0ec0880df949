using System.Text;

namespace Mallard.Data;

/// <summary>
/// A VARCHAR column. Text is kept as UTF-8 bytes and decoded only when a row is read, so holding a
/// large result costs about its byte size and showing a few rows decodes only those.
/// </summary>
public sealed class StringColumn : VarLengthColumn
{
    internal StringColumn(string name, byte[] utf8, int[] offsets, int length, ulong[]? validity)
        : base(name, DataType.Varchar, utf8, offsets, length, validity)
    {
    }

    public static StringColumn Create(string name, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var encoded = new byte[]?[values.Count];
        for (var i = 0; i < values.Count; i++) encoded[i] = values[i] is { } s ? Encoding.UTF8.GetBytes(s) : null;
        var (data, offsets, validity) = Pack(encoded);
        return new StringColumn(name, data, offsets, values.Count, validity);
    }

    /// <summary>The text at <paramref name="row"/>, or null for NULL.</summary>
    public string? this[int row] => IsNull(row) ? null : Encoding.UTF8.GetString(GetBytes(row));

    public override Column WithName(string name) => new StringColumn(name, DataArray, OffsetArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => Encoding.UTF8.GetString(GetBytes(row));

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        var (data, offsets) = GatherBytes(rows);
        return new StringColumn(Name, data, offsets, rows.Length, validity);
    }
}
