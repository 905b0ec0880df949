namespace Mallard.Data;

/// <summary>
/// A MAP column: row i holds the entries <c>Offsets[i]..Offsets[i+1]</c> of <see cref="Keys"/> and
/// <see cref="Values"/>. A value reads as a dictionary in entry order.
/// </summary>
public sealed class MapColumn : Column
{
    private readonly int[] _offsets;

    internal MapColumn(string name, DataType type, int[] offsets, Column keys, Column values, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        if (type.Kind != DataKind.Map) throw new ArgumentException($"A map column needs a MAP type, not {type.Name}.", nameof(type));
        ArgumentNullException.ThrowIfNull(offsets);
        if (offsets.Length < length + 1) throw new ArgumentException($"Column '{name}' needs {length + 1} offsets.", nameof(offsets));
        _offsets = offsets;
        Keys = keys ?? throw new ArgumentNullException(nameof(keys));
        Values = values ?? throw new ArgumentNullException(nameof(values));
    }

    /// <summary>
    /// Creates a MAP column whose rows take consecutive runs of entries from <paramref name="keys"/> and
    /// <paramref name="values"/>: row i holds <c>lengths[i]</c> entries, or is NULL when its length is null.
    /// </summary>
    public static MapColumn Create(string name, Column keys, Column values, IReadOnlyList<int?> lengths)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (keys.Length != values.Length)
            throw new ArgumentException($"Column '{name}' has {keys.Length} keys but {values.Length} values.", nameof(values));
        var (offsets, validity) = ListColumn.RunOffsets(name, keys.Length, lengths);
        return new MapColumn(name, DataType.Map(keys.Type, values.Type), offsets, keys, values, lengths.Count, validity);
    }

    public Column Keys { get; }

    public Column Values { get; }

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Length + 1);

    public override Column WithName(string name) => new MapColumn(name, Type, _offsets, Keys, Values, Length, ValidityArray);

    private protected override object GetValueCore(int row)
    {
        var map = new Dictionary<object, object?>(_offsets[row + 1] - _offsets[row]);
        for (var e = _offsets[row]; e < _offsets[row + 1]; e++)
        {
            var key = Keys.GetValue(e) ?? throw new InvalidOperationException($"Column '{Name}' holds a MAP entry with a NULL key at row {row}.");
            map[key] = Values.GetValue(e);
        }
        return map;
    }

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        var offsets = new int[rows.Length + 1];
        var entries = new List<int>();
        for (var i = 0; i < rows.Length; i++)
        {
            for (var e = _offsets[rows[i]]; e < _offsets[rows[i] + 1]; e++) entries.Add(e);
            offsets[i + 1] = entries.Count;
        }
        var picked = entries.ToArray();
        return new MapColumn(Name, Type, offsets, Keys.Take(picked), Values.Take(picked), rows.Length, validity);
    }
}
