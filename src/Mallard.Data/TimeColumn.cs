namespace Mallard.Data;

/// <summary>A TIME column, stored as microseconds (or nanoseconds for TIME_NS) since midnight.</summary>
public sealed class TimeColumn : FixedWidthColumn<long>
{
    internal TimeColumn(string name, DataType type, long[] raw, int length, ulong[]? validity)
        : base(name, type, raw, length, validity)
    {
        if (type.Kind != DataKind.Time) throw new ArgumentException($"A time column needs a TIME type, not {type.Name}.", nameof(type));
    }

    public static TimeColumn Create(string name, IReadOnlyList<TimeOnly?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new long[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } t) raw[i] = t.Ticks / TimeSpan.TicksPerMicrosecond;
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
        }
        return new TimeColumn(name, DataType.Time, raw, values.Count, validity);
    }

    public TimeOnly this[int row]
    {
        get
        {
            CheckRow(row);
            return ToTime(RawArray[row]);
        }
    }

    private TimeOnly ToTime(long raw)
    {
        var ticks = Type.Unit == TimeUnit.Nanoseconds ? raw / 100 : raw * TimeSpan.TicksPerMicrosecond;
        // DuckDB allows 24:00:00; .NET's TimeOnly stops just before it.
        return ticks >= TimeSpan.TicksPerDay ? TimeOnly.MaxValue : new TimeOnly(ticks);
    }

    public override Column WithName(string name) => new TimeColumn(name, Type, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row) => ToTime(RawArray[row]);

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) => new TimeColumn(Name, Type, Gather(rows), rows.Length, validity);
}
