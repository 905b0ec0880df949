namespace Mallard.Data;

/// <summary>
/// A DATE column, stored as days since 1970-01-01 (DuckDB's layout). DuckDB's <c>infinity</c> and
/// <c>-infinity</c> read as <see cref="DateOnly.MaxValue"/> and <see cref="DateOnly.MinValue"/>.
/// </summary>
public sealed class DateColumn : FixedWidthColumn<int>
{
    internal const int PositiveInfinity = int.MaxValue;
    internal const int NegativeInfinity = -int.MaxValue;
    private const int EpochDayNumber = 719_162; // DateOnly day number of 1970-01-01

    public DateColumn(string name, int[] daysSinceEpoch, ulong[]? validity = null)
        : this(name, daysSinceEpoch, daysSinceEpoch?.Length ?? 0, validity)
    {
    }

    internal DateColumn(string name, int[] daysSinceEpoch, int length, ulong[]? validity)
        : base(name, DataType.Date, daysSinceEpoch, length, validity)
    {
    }

    public static DateColumn Create(string name, IReadOnlyList<DateOnly?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var days = new int[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } d) days[i] = ToDays(d);
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
        }
        return new DateColumn(name, days, values.Count, validity);
    }

    public DateOnly this[int row]
    {
        get
        {
            CheckRow(row);
            return ToDate(RawArray[row]);
        }
    }

    /// <summary>True when the row holds DuckDB's <c>infinity</c> or <c>-infinity</c>.</summary>
    public bool IsInfinity(int row)
    {
        CheckRow(row);
        return RawArray[row] is PositiveInfinity or NegativeInfinity;
    }

    internal static int ToDays(DateOnly date) => date.DayNumber - EpochDayNumber;

    internal static DateOnly ToDate(int days) => days switch
    {
        PositiveInfinity => DateOnly.MaxValue,
        NegativeInfinity => DateOnly.MinValue,
        _ when days + (long)EpochDayNumber is >= 0 and <= 3_652_058 => DateOnly.FromDayNumber(days + EpochDayNumber),
        _ => throw new OverflowException($"The date {days} days from 1970-01-01 lies outside the years 1 to 9999 that .NET dates cover; cast it to VARCHAR in SQL to read it."),
    };

    public override Column WithName(string name) => new DateColumn(name, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => ToDate(RawArray[row]);

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) => new DateColumn(Name, Gather(rows), rows.Length, validity);
}
