using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Mallard.Data;

/// <summary>
/// A calendar interval as SQL keeps it: months, days and microseconds are separate, because a month
/// has no fixed number of days and a day no fixed number of microseconds across time-zone changes.
/// The layout matches DuckDB's <c>duckdb_interval</c>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Interval(int Months, int Days, long Micros)
{
    /// <summary>The interval as a <see cref="TimeSpan"/>, counting a month as 30 days (as DuckDB's epoch() does).</summary>
    public TimeSpan ToTimeSpan() =>
        TimeSpan.FromDays(Months * 30L + Days) + TimeSpan.FromTicks(Micros * TimeSpan.TicksPerMicrosecond);

    public static Interval FromTimeSpan(TimeSpan value)
    {
        var days = value.Days;
        var micros = (value.Ticks - days * TimeSpan.TicksPerDay) / TimeSpan.TicksPerMicrosecond;
        return new Interval(0, days, micros);
    }

    /// <summary>DuckDB's text form, for example <c>1 year 2 months 3 days 04:05:06.5</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var years = Months / 12;
        var months = Months % 12;
        void Part(long n, string unit)
        {
            if (n == 0) return;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
            if (n != 1 && n != -1) sb.Append('s');
        }
        Part(years, "year");
        Part(months, "month");
        Part(Days, "day");
        if (Micros != 0 || sb.Length == 0)
        {
            if (sb.Length > 0) sb.Append(' ');
            var m = Micros;
            if (m < 0)
            {
                sb.Append('-');
                m = -m;
            }
            var hours = m / 3_600_000_000L;
            m %= 3_600_000_000L;
            var minutes = m / 60_000_000L;
            m %= 60_000_000L;
            var seconds = m / 1_000_000L;
            var fraction = m % 1_000_000L;
            sb.Append(CultureInfo.InvariantCulture, $"{hours:00}:{minutes:00}:{seconds:00}");
            if (fraction != 0) sb.Append('.').Append(fraction.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
        return sb.ToString();
    }
}
