using System.Globalization;

namespace Mallard.Data;

/// <summary>Converts column values to the .NET types of record properties and constructor parameters.</summary>
internal static class RecordMapper
{
    /// <summary>Converts a non-null column value to <paramref name="target"/> (nullable targets allowed).</summary>
    public static object? ConvertValue(object value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type.IsInstanceOfType(value)) return value;
        return (value, type) switch
        {
            (DateOnly d, _) when type == typeof(DateTime) => d.ToDateTime(TimeOnly.MinValue),
            (DateTime t, _) when type == typeof(DateOnly) => DateOnly.FromDateTime(t),
            (DateTimeOffset t, _) when type == typeof(DateTime) => t.UtcDateTime,
            (DateTime t, _) when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            (TimeOnly t, _) when type == typeof(TimeSpan) => t.ToTimeSpan(),
            (Interval i, _) when type == typeof(TimeSpan) => i.ToTimeSpan(),
            (string s, _) when type.IsEnum => Enum.Parse(type, s, ignoreCase: true),
            (string s, _) when type == typeof(char) && s.Length == 1 => s[0],
            (_, _) when type == typeof(string) => Convert.ToString(value, CultureInfo.InvariantCulture),
            (IConvertible, _) when typeof(IConvertible).IsAssignableFrom(type) => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
            (Int128 i, _) when type == typeof(decimal) => (decimal)i,
            (Int128 i, _) when type == typeof(double) => (double)i,
            (Int128 i, _) when type == typeof(long) => checked((long)i),
            (UInt128 i, _) when type == typeof(decimal) => (decimal)i,
            (UInt128 i, _) when type == typeof(double) => (double)i,
            (System.Data.SqlTypes.SqlDecimal d, _) when type == typeof(double) => d.ToDouble(),
            _ => throw new InvalidCastException($"A {value.GetType().Name} value cannot be converted to {target.Name}."),
        };
    }
}
