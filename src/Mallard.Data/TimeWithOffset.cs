using System.Globalization;

namespace Mallard.Data;

/// <summary>A time of day with a UTC offset (SQL's TIME WITH TIME ZONE).</summary>
public readonly record struct TimeWithOffset(TimeOnly Time, TimeSpan Offset)
{
    public override string ToString()
    {
        var sign = Offset < TimeSpan.Zero ? '-' : '+';
        var abs = Offset.Duration();
        var text = Time.ToString(Time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return abs.Seconds != 0
            ? $"{text}{sign}{abs.Hours:00}:{abs.Minutes:00}:{abs.Seconds:00}"
            : abs.Minutes != 0 ? $"{text}{sign}{abs.Hours:00}:{abs.Minutes:00}" : $"{text}{sign}{abs.Hours:00}";
    }
}
