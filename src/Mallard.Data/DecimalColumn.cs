using System.Data.SqlTypes;
using System.Globalization;

namespace Mallard.Data;

/// <summary>
/// A DECIMAL column, stored unscaled as DuckDB stores it (64-bit for up to 18 digits, 128-bit for up to 38).
/// <see cref="Column.GetValue"/> gives a <see cref="decimal"/> whenever the value fits one exactly (always
/// for precision 28 and below) and an exact <see cref="SqlDecimal"/> otherwise.
/// </summary>
public sealed class DecimalColumn : Column
{
    private readonly long[]? _small;
    private readonly Int128[]? _large;

    internal DecimalColumn(string name, DataType type, long[] unscaled, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        CheckType(type);
        _small = unscaled;
    }

    internal DecimalColumn(string name, DataType type, Int128[] unscaled, int length, ulong[]? validity)
        : base(name, type, length, validity)
    {
        CheckType(type);
        _large = unscaled;
    }

    /// <summary>Creates a column from decimal values, rounding each to the type's scale.</summary>
    public static DecimalColumn Create(string name, DataType type, IReadOnlyList<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        CheckType(type);
        ulong[]? validity = null;
        var unscaled = new Int128[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } v)
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
                continue;
            }
            var scaled = decimal.Round(v, type.Scale, MidpointRounding.AwayFromZero);
            var bits = decimal.GetBits(scaled);
            var magnitude = (Int128)(((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0]);
            var currentScale = (bits[3] >> 16) & 0xFF;
            for (var s = currentScale; s < type.Scale; s++) magnitude *= 10;
            unscaled[i] = bits[3] < 0 ? -magnitude : magnitude;
        }
        return new DecimalColumn(name, type, unscaled, values.Count, validity);
    }

    internal long[]? SmallArray => _small;

    internal Int128[]? LargeArray => _large;

    public int Precision => Type.Precision;

    public int Scale => Type.Scale;

    /// <summary>The value as a <see cref="decimal"/>; throws <see cref="OverflowException"/> if it does not fit one exactly.</summary>
    public decimal this[int row]
    {
        get
        {
            CheckRow(row);
            return GetValueCore(row) is decimal d
                ? d
                : throw new OverflowException($"The value {GetString(row)} in column '{Name}' ({Type.Name}) does not fit System.Decimal; read it with GetSqlDecimal or GetString.");
        }
    }

    /// <summary>The unscaled integer (value × 10^scale).</summary>
    public Int128 GetUnscaled(int row)
    {
        CheckRow(row);
        return _small is not null ? _small[row] : _large![row];
    }

    /// <summary>The exact value, whatever its precision.</summary>
    public SqlDecimal GetSqlDecimal(int row) => DataType.ToSqlDecimal(GetUnscaled(row), Scale, Math.Max(Precision, 1));

    /// <summary>The value as a double (rounded for wide values).</summary>
    public double GetDouble(int row) => (double)GetUnscaled(row) / Math.Pow(10, Scale);

    /// <summary>The exact value as invariant text, with exactly <see cref="Scale"/> digits after the point.</summary>
    public string GetString(int row)
    {
        var unscaled = GetUnscaled(row);
        var negative = unscaled < 0;
        var digits = (negative ? (UInt128)(-unscaled) : (UInt128)unscaled).ToString(CultureInfo.InvariantCulture);
        if (Scale > 0)
        {
            digits = digits.PadLeft(Scale + 1, '0');
            digits = digits[..^Scale] + "." + digits[^Scale..];
        }
        return negative ? "-" + digits : digits;
    }

    public override Column WithName(string name) => _small is not null
        ? new DecimalColumn(name, Type, _small, Length, ValidityArray)
        : new DecimalColumn(name, Type, _large!, Length, ValidityArray);

    private protected override object GetValueCore(int row) =>
        DataType.DecimalValue(_small is not null ? _small[row] : _large![row], Scale, Precision);

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity)
    {
        if (_small is not null)
        {
            var small = new long[rows.Length];
            for (var i = 0; i < rows.Length; i++) small[i] = _small[rows[i]];
            return new DecimalColumn(Name, Type, small, rows.Length, validity);
        }
        var large = new Int128[rows.Length];
        for (var i = 0; i < rows.Length; i++) large[i] = _large![rows[i]];
        return new DecimalColumn(Name, Type, large, rows.Length, validity);
    }

    private static void CheckType(DataType type)
    {
        if (type.Kind != DataKind.Decimal) throw new ArgumentException($"A decimal column needs a DECIMAL type, not {type.Name}.", nameof(type));
    }
}
