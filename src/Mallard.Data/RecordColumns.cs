using System.Reflection;

namespace Mallard.Data;

/// <summary>Builds the columns of a frame from the public properties of objects.</summary>
internal static class RecordColumns
{
    private static readonly MethodInfo BuildMethod =
        typeof(RecordColumns).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!;

    // Decimal properties become DECIMAL columns of the widest precision.
    private const int MaxDecimalPrecision = 38;

    public static Frame FromRecords<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var items = records as IReadOnlyList<T> ?? [.. records];
        for (var i = 0; i < items.Count; i++)
            if (items[i] is null) throw new ArgumentException($"Record {i} is null; every record must be an object.", nameof(records));
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .ToArray();
        var columns = new Column[properties.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var build = BuildMethod.MakeGenericMethod(typeof(T), properties[c].PropertyType);
            try
            {
                columns[c] = (Column)build.Invoke(null, [properties[c], items])!;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
        return new Frame(columns);
    }

    private static Column Build<TItem, TValue>(PropertyInfo property, IReadOnlyList<TItem> items)
    {
        Func<TItem, TValue> get = typeof(TItem).IsValueType
            ? item => (TValue)property.GetValue(item)!
            : property.GetMethod!.CreateDelegate<Func<TItem, TValue>>();
        var values = new TValue[items.Count];
        for (var i = 0; i < values.Length; i++) values[i] = get(items[i]);
        return ToColumn(property, values);
    }

    private static Column ToColumn<TValue>(PropertyInfo property, TValue[] values)
    {
        var name = property.Name;
        object array = values;
        switch (array)
        {
            case bool[] a: return new PrimitiveColumn<bool>(name, DataType.Boolean, a);
            case bool?[] a: return PrimitiveColumn<bool>.Create(name, a);
            case sbyte[] a: return new PrimitiveColumn<sbyte>(name, DataType.Int8, a);
            case sbyte?[] a: return PrimitiveColumn<sbyte>.Create(name, a);
            case byte[] a: return new PrimitiveColumn<byte>(name, DataType.UInt8, a);
            case byte?[] a: return PrimitiveColumn<byte>.Create(name, a);
            case short[] a: return new PrimitiveColumn<short>(name, DataType.Int16, a);
            case short?[] a: return PrimitiveColumn<short>.Create(name, a);
            case ushort[] a: return new PrimitiveColumn<ushort>(name, DataType.UInt16, a);
            case ushort?[] a: return PrimitiveColumn<ushort>.Create(name, a);
            case int[] a: return new PrimitiveColumn<int>(name, DataType.Int32, a);
            case int?[] a: return PrimitiveColumn<int>.Create(name, a);
            case uint[] a: return new PrimitiveColumn<uint>(name, DataType.UInt32, a);
            case uint?[] a: return PrimitiveColumn<uint>.Create(name, a);
            case long[] a: return new PrimitiveColumn<long>(name, DataType.Int64, a);
            case long?[] a: return PrimitiveColumn<long>.Create(name, a);
            case ulong[] a: return new PrimitiveColumn<ulong>(name, DataType.UInt64, a);
            case ulong?[] a: return PrimitiveColumn<ulong>.Create(name, a);
            case Int128[] a: return new PrimitiveColumn<Int128>(name, DataType.Int128, a);
            case Int128?[] a: return PrimitiveColumn<Int128>.Create(name, a);
            case UInt128[] a: return new PrimitiveColumn<UInt128>(name, DataType.UInt128, a);
            case UInt128?[] a: return PrimitiveColumn<UInt128>.Create(name, a);
            case float[] a: return new PrimitiveColumn<float>(name, DataType.Float, a);
            case float?[] a: return PrimitiveColumn<float>.Create(name, a);
            case double[] a: return new PrimitiveColumn<double>(name, DataType.Double, a);
            case double?[] a: return PrimitiveColumn<double>.Create(name, a);
            case Guid[] a: return new PrimitiveColumn<Guid>(name, DataType.Uuid, a);
            case Guid?[] a: return PrimitiveColumn<Guid>.Create(name, a);
            case Interval[] a: return new PrimitiveColumn<Interval>(name, DataType.Interval, a);
            case Interval?[] a: return PrimitiveColumn<Interval>.Create(name, a);
            case TimeSpan[] a: return new PrimitiveColumn<Interval>(name, DataType.Interval, [.. a.Select(Interval.FromTimeSpan)]);
            case TimeSpan?[] a: return PrimitiveColumn<Interval>.Create(name, [.. a.Select(t => t is { } v ? Interval.FromTimeSpan(v) : (Interval?)null)]);
            case decimal[] a: return Decimals(name, [.. a.Select(d => (decimal?)d)]);
            case decimal?[] a: return Decimals(name, a);
            case string?[] a: return StringColumn.Create(name, a);
            case char[] a: return StringColumn.Create(name, [.. a.Select(c => (string?)c.ToString())]);
            case char?[] a: return StringColumn.Create(name, [.. a.Select(c => c?.ToString())]);
            case byte[]?[] a: return BlobColumn.Create(name, a);
            case DateOnly[] a: return DateColumn.Create(name, [.. a.Select(d => (DateOnly?)d)]);
            case DateOnly?[] a: return DateColumn.Create(name, a);
            case DateTime[] a: return TimestampColumn.Create(name, [.. a.Select(d => (DateTime?)d)]);
            case DateTime?[] a: return TimestampColumn.Create(name, a);
            case DateTimeOffset[] a: return TimestampColumn.CreateWithTimeZone(name, [.. a.Select(d => (DateTimeOffset?)d)]);
            case DateTimeOffset?[] a: return TimestampColumn.CreateWithTimeZone(name, a);
            case TimeOnly[] a: return TimeColumn.Create(name, [.. a.Select(t => (TimeOnly?)t)]);
            case TimeOnly?[] a: return TimeColumn.Create(name, a);
            case TimeWithOffset[] a: return TimeTzColumn.Create(name, [.. a.Select(t => (TimeWithOffset?)t)]);
            case TimeWithOffset?[] a: return TimeTzColumn.Create(name, a);
        }
        var underlying = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        if (underlying.IsEnum) return StringColumn.Create(name, [.. values.Select(v => v?.ToString())]);
        throw new NotSupportedException(
            $"Property '{name}' of {property.DeclaringType?.Name} is a {typeof(TValue).Name}, which has no column type. "
            + "Supported: bool, integers, float, double, decimal, string, char, DateOnly, DateTime, DateTimeOffset, TimeOnly, "
            + "TimeWithOffset, Guid, byte[], TimeSpan, Interval, enums, and their nullable forms.");
    }

    /// <summary>
    /// DECIMAL(38, s) where s is the largest scale among the values, reduced only when the values' integer
    /// digits need the room: a System.Decimal has at most 29 integer digits, so s is never below 9.
    /// </summary>
    private static DecimalColumn Decimals(string name, IReadOnlyList<decimal?> values)
    {
        var scale = 0;
        var integerDigits = 1;
        foreach (var value in values)
        {
            if (value is not { } v) continue;
            scale = Math.Max(scale, v.Scale);
            var whole = decimal.Truncate(Math.Abs(v));
            var digits = whole == 0 ? 1 : ((UInt128)whole).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            integerDigits = Math.Max(integerDigits, digits);
        }
        scale = Math.Min(scale, MaxDecimalPrecision - integerDigits);
        return DecimalColumn.Create(name, DataType.Decimal(MaxDecimalPrecision, scale), values);
    }
}
