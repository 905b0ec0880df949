namespace Mallard.Data;

/// <summary>
/// A LIST or ARRAY column: row i holds the elements <c>Offsets[i]..Offsets[i+1]</c> of <see cref="Elements"/>.
/// A value reads as a read-only list of element values.
/// </summary>
public sealed class ListColumn : Column
{
    private readonly int[] _offsets;

    internal ListColumn(string name, DataType type, int[] offsets, Column elements, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        if (type.Kind is not (DataKind.List or DataKind.Array)) throw new ArgumentException($"A list column needs a LIST or ARRAY type, not {type.Name}.", nameof(type));
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(elements);
        if (offsets.Length < length + 1) throw new ArgumentException($"Column '{name}' needs {length + 1} offsets.", nameof(offsets));
        _offsets = offsets;
        Elements = elements;
    }

    /// <summary>
    /// Creates a LIST column whose rows take consecutive runs of <paramref name="elements"/>: row i holds
    /// <c>lengths[i]</c> elements, or is NULL when its length is null. The lengths must add up to the
    /// number of elements.
    /// </summary>
    public static ListColumn Create(string name, Column elements, IReadOnlyList<int?> lengths)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var (offsets, validity) = RunOffsets(name, elements.Length, lengths);
        return new ListColumn(name, DataType.List(elements.Type), offsets, elements, lengths.Count, validity);
    }

    internal static (int[] Offsets, ulong[]? Validity) RunOffsets(string name, int childLength, IReadOnlyList<int?> lengths)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        var offsets = new int[lengths.Count + 1];
        ulong[]? validity = null;
        long at = 0;
        for (var i = 0; i < lengths.Count; i++)
        {
            if (lengths[i] is { } n)
            {
                ArgumentOutOfRangeException.ThrowIfNegative(n, nameof(lengths));
                at += n;
                if (at > childLength) break;
            }
            else
            {
                validity ??= Validity.AllValid(lengths.Count);
                Validity.SetNull(validity, i);
            }
            offsets[i + 1] = (int)at;
        }
        if (at != childLength)
            throw new ArgumentException($"The lengths of column '{name}' add up to {at} or more entries, but there are {childLength}.", nameof(lengths));
        return (offsets, validity);
    }

    /// <summary>All rows' elements, back to back.</summary>
    public Column Elements { get; }

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    /// <summary>Where the row's elements start in <see cref="Elements"/>, and how many there are.</summary>
    public (int Start, int Count) GetRange(int row)
    {
        CheckRow(row);
        return (_offsets[row], _offsets[row + 1] - _offsets[row]);
    }

    public override Column WithName(string name) => new ListColumn(name, Type, _offsets, Elements, Length, ValidityArray);

    private protected override object GetValueCore(int row)
    {
        var start = _offsets[row];
        var values = new object?[_offsets[row + 1] - start];
        for (var i = 0; i < values.Length; i++) values[i] = Elements.GetValue(start + i);
        return values;
    }

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        var offsets = new int[rows.Length + 1];
        var childRows = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            for (var e = _offsets[rows[i]]; e < _offsets[rows[i] + 1]; e++) childRows.Add(e);
            offsets[i + 1] = childRows.Count;
        }
        return new ListColumn(Name, Type, offsets, Elements.Take(childRows.ToArray()), rows.Length, validity);
    }
}
