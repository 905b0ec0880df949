namespace Mallard.Data;

/// <summary>A TIME WITH TIME ZONE column, stored in DuckDB's packed form (microseconds and offset in one word).</summary>
public sealed class TimeTzColumn : FixedWidthColumn<ulong>
{
    private const int MaxOffsetSeconds = 16 * 60 * 60 - 1;

    internal TimeTzColumn(string name, ulong[] raw, int length, ulong[]? validity)
        : base(name, DataType.TimeTz, raw, length, validity)
    {
    }

    public TimeWithOffset this[int row]
    {
        get
        {
            CheckRow(row);
            return Decode(RawArray[row]);
        }
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
