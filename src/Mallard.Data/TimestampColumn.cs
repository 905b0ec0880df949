namespace Mallard.Data;

/// <summary>
/// A TIMESTAMP (seconds, milliseconds, microseconds or nanoseconds) or TIMESTAMP WITH TIME ZONE column,
/// stored as DuckDB stores it: units since 1970-01-01 00:00:00 (UTC for WITH TIME ZONE). Values read as
/// <see cref="DateTime"/> (unspecified kind) or, WITH TIME ZONE, as a UTC <see cref="DateTimeOffset"/>.
/// DuckDB's <c>infinity</c> and <c>-infinity</c> read as the .NET maximum and minimum.
/// </summary>
public sealed class TimestampColumn : FixedWidthColumn<long>
{
    internal const long PositiveInfinity = long.MaxValue;
    internal const long NegativeInfinity = -long.MaxValue;

    public TimestampColumn(string name, DataType type, long[] raw, ulong[]? validity = null)
        : this(name, type, raw, raw?.Length ?? 0, validity)
    {
    }

    internal TimestampColumn(string name, DataType type, long[] raw, int length, ulong[]? validity)
        : base(name, type, raw, length, validity)
    {
        if (type.Kind is not (DataKind.Timestamp or DataKind.TimestampTz))
            throw new ArgumentException($"A timestamp column needs a TIMESTAMP type, not {type.Name}.", nameof(type));
    }

    public static TimestampColumn Create(string name, IReadOnlyList<DateTime?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new long[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } t) raw[i] = MicrosSinceEpoch(t.Ticks);
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
        }
        return new TimestampColumn(name, DataType.Timestamp, raw, values.Count, validity);
    }

    /// <summary>Creates a TIMESTAMP WITH TIME ZONE column; each value is stored as its UTC instant.</summary>
    public static TimestampColumn CreateWithTimeZone(string name, IReadOnlyList<DateTimeOffset?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var raw = new long[values.Count];
        ulong[]? validity = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } t) raw[i] = MicrosSinceEpoch(t.UtcTicks);
            else
            {
                validity ??= Validity.AllValid(values.Count);
                Validity.SetNull(validity, i);
            }
        }
        return new TimestampColumn(name, DataType.TimestampTz, raw, values.Count, validity);
    }

    public bool HasTimeZone => Type.Kind == DataKind.TimestampTz;

    /// <summary>The value as a <see cref="DateTime"/> (UTC kind when the column has a time zone).</summary>
    public DateTime this[int row]
    {
        get
        {
            CheckRow(row);
            return ToDateTime(RawArray[row], Type.Unit, HasTimeZone ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        }
    }

    /// <summary>True when the row holds DuckDB's <c>infinity</c> or <c>-infinity</c>.</summary>
    public bool IsInfinity(int row)
    {
        CheckRow(row);
        return RawArray[row] is PositiveInfinity or NegativeInfinity;
    }

    internal static DateTime ToDateTime(long raw, TimeUnit unit, DateTimeKind kind)
    {
        if (raw == PositiveInfinity) return DateTime.SpecifyKind(DateTime.MaxValue, kind);
        if (raw == NegativeInfinity) return DateTime.SpecifyKind(DateTime.MinValue, kind);
        var ticks = unit switch
        {
            TimeUnit.Seconds => checked(raw * TimeSpan.TicksPerSecond),
            TimeUnit.Milliseconds => checked(raw * TimeSpan.TicksPerMillisecond),
            TimeUnit.Nanoseconds => TicksTowardThePast(raw),
            _ => checked(raw * TimeSpan.TicksPerMicrosecond),
        };
        var total = ticks + DateTime.UnixEpoch.Ticks;
        if (total < DateTime.MinValue.Ticks || total > DateTime.MaxValue.Ticks)
            throw new OverflowException($"The timestamp {raw} ({unit} since 1970) lies outside the years 1 to 9999 that .NET covers; cast it to VARCHAR in SQL to read it.");
        return new DateTime(total, kind);
    }

    /// <summary>
    /// Whole microseconds since 1970 of a .NET tick count, rounded toward the past also before 1970 (a tick before
    /// 1970 is the microsecond before it, not 1970): how a DateTime becomes a TIMESTAMP, in columns, parameters and
    /// appended rows alike.
    /// </summary>
    internal static long MicrosSinceEpoch(long ticks) => FloorDivide(ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMicrosecond);

    // Whole 100 ns ticks of a TIMESTAMP_NS, rounded toward the past like MicrosSinceEpoch.
    private static long TicksTowardThePast(long nanos) => FloorDivide(nanos, 100);

    private static long FloorDivide(long value, long divisor)
    {
        var (quotient, remainder) = Math.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    public override Column WithName(string name) => new TimestampColumn(name, Type, RawArray, Length, ValidityArray);

    private protected override object GetValueCore(int row)
    {
        var value = ToDateTime(RawArray[row], Type.Unit, HasTimeZone ? DateTimeKind.Utc : DateTimeKind.Unspecified);
        // Box each branch itself: a conditional of DateTimeOffset and DateTime would turn both into DateTimeOffset.
        return HasTimeZone ? new DateTimeOffset(value, TimeSpan.Zero) : (object)value;
    }

    private protected override Column TakeCore(ReadOnlySpan<int> rows, ulong[]? validity) => new TimestampColumn(Name, Type, Gather(rows), rows.Length, validity);
}
