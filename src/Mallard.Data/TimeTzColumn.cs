namespace Mallard.Data;

/// <summary>A TIME WITH TIME ZONE column, stored in DuckDB's packed form (microseconds and offset in one word).</summary>
public sealed class TimeTzColumn : FixedWidthColumn<ulong>
{
    private const int MaxOffsetSeconds = 16 * 60 * 60 - 1;

    internal TimeTzColumn(string name, ulong[] raw, int length, ulong[]? validity)
        : base(name, DataType.TimeTz, raw, length, validity)
    {
    }

    /// <summary>Creates a column from times with offsets (null becomes NULL); offsets must lie within ±15:59:59.</summary>
    public static TimeTzColumn Create(string name, IReadOnlyList<TimeWithOffset?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new ulong[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } t) raw[i] = Encode(t);
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
        }
        return new TimeTzColumn(name, raw, values.Count, validity);
    }

    public TimeWithOffset this[int row]
    {
        get
        {
            CheckRow(row);
            return Decode(RawArray[row]);
        }
    }

    internal static ulong Encode(TimeWithOffset value)
    {
        var offsetSeconds = (long)value.Offset.TotalSeconds;
        if (offsetSeconds is < -MaxOffsetSeconds or > MaxOffsetSeconds)
            throw new ArgumentOutOfRangeException(nameof(value), value.Offset, "A TIME WITH TIME ZONE offset must lie within ±15:59:59.");
        var micros = (ulong)(value.Time.Ticks / TimeSpan.TicksPerMicrosecond);
        return (micros << 24) | (ulong)(MaxOffsetSeconds - offsetSeconds);
    }

    internal static TimeWithOffset Decode(ulong bits)
    {
        var micros = (long)(bits >> 24);
        var offsetSeconds = MaxOffsetSeconds - (int)(bits & 0xFFFFFF);
        var ticks = Math.Min(micros * TimeSpan.TicksPerMicrosecond, TimeSpan.TicksPerDay - 1);
        return new TimeWithOffset(new TimeOnly(ticks), TimeSpan.FromSeconds(offsetSeconds));
    }

    public override Column WithName(string name) => new TimeTzColumn(name, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => Decode(RawArray[row]);

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) => new TimeTzColumn(Name, Gather(rows), rows.Length, validity);
}
