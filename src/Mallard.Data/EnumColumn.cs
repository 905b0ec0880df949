namespace Mallard.Data;

/// <summary>An ENUM column: a code per row into the type's dictionary (<see cref="DataType.EnumValues"/>).</summary>
public sealed class EnumColumn : FixedWidthColumn<uint>
{
    internal EnumColumn(string name, DataType type, uint[] codes, int length, ulong[]? validity)
        : base(name, type, codes, length, validity)
    {
        if (type.Kind != DataKind.Enum) throw new ArgumentException($"An enum column needs an ENUM type, not {type.Name}.", nameof(type));
    }

    /// <summary>Creates an ENUM column from labels (null becomes NULL); every label must be in the type's dictionary.</summary>
    public static EnumColumn Create(string name, DataType type, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        if (type.Kind != DataKind.Enum) throw new ArgumentException($"An enum column needs an ENUM type, not {type.Name}.", nameof(type));
        var codesByLabel = new Dictionary<string, uint>(StringComparer.Ordinal);
        for (var i = 0; i < type.EnumValues.Count; i++) codesByLabel.TryAdd(type.EnumValues[i], (uint)i);
        var codes = new uint[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } label)
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
            else if (!codesByLabel.TryGetValue(label, out codes[i]))
            {
                throw new ArgumentException($"'{label}' (row {i}) is not a value of {type.Name}.", nameof(values));
            }
        }
        return new EnumColumn(name, type, codes, values.Count, validity);
    }

    /// <summary>The dictionary codes; a NULL row holds an unspecified code.</summary>
    public ReadOnlySpan<uint> Codes => RawValues;

    public IReadOnlyList<string> Dictionary => Type.EnumValues;

    /// <summary>The label at <paramref name="row"/>, or null for NULL.</summary>
    public string? this[int row] => IsNull(row) ? null : Type.EnumValues[(int)RawArray[row]];

    public override Column WithName(string name) => new EnumColumn(name, Type, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => Type.EnumValues[(int)RawArray[row]];

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) => new EnumColumn(Name, Type, Gather(rows), rows.Length, validity);
}
