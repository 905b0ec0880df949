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
        return ToColumn(property.Name, $"Property '{property.Name}' of {property.DeclaringType?.Name}", values);
    }

    private static readonly MethodInfo FromBoxedMethod =
        typeof(RecordColumns).GetMethod(nameof(FromBoxed), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A column of <paramref name="type"/> from boxed values (null or DBNull for a null).</summary>
    public static Column FromValues(string name, Type type, IReadOnlyList<object?> values)
    {
        var nullable = type.IsValueType && Nullable.GetUnderlyingType(type) is null ? typeof(Nullable<>).MakeGenericType(type) : type;
        try
        {
            return (Column)FromBoxedMethod.MakeGenericMethod(nullable).Invoke(null, [name, values])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static Column FromBoxed<TValue>(string name, IReadOnlyList<object?> values)
    {
        var typed = new TValue[values.Count];
        for (var i = 0; i < typed.Length; i++) typed[i] = values[i] is null or DBNull ? default! : (TValue)values[i]!;
        return ToColumn(name, $"Column '{name}'", typed);
    }

    private static Column ToColumn<TValue>(string name, string owner, TValue[] values)
    {
        object array = values;
        // Each case also tests TValue: the runtime lets a byte[] pass for an sbyte[], an int[] for a uint[], and so on.
        switch (array)
        {
            case bool[] a when typeof(TValue) == typeof(bool): return new PrimitiveColumn<bool>(name, DataType.Boolean, a);
            case bool?[] a when typeof(TValue) == typeof(bool?): return PrimitiveColumn<bool>.Create(name, a);
            case sbyte[] a when typeof(TValue) == typeof(sbyte): return new PrimitiveColumn<sbyte>(name, DataType.Int8, a);
            case sbyte?[] a when typeof(TValue) == typeof(sbyte?): return PrimitiveColumn<sbyte>.Create(name, a);
            case byte[] a when typeof(TValue) == typeof(byte): return new PrimitiveColumn<byte>(name, DataType.UInt8, a);
            case byte?[] a when typeof(TValue) == typeof(byte?): return PrimitiveColumn<byte>.Create(name, a);
            case short[] a when typeof(TValue) == typeof(short): return new PrimitiveColumn<short>(name, DataType.Int16, a);
            case short?[] a when typeof(TValue) == typeof(short?): return PrimitiveColumn<short>.Create(name, a);
            case ushort[] a when typeof(TValue) == typeof(ushort): return new PrimitiveColumn<ushort>(name, DataType.UInt16, a);
            case ushort?[] a when typeof(TValue) == typeof(ushort?): return PrimitiveColumn<ushort>.Create(name, a);
            case int[] a when typeof(TValue) == typeof(int): return new PrimitiveColumn<int>(name, DataType.Int32, a);
            case int?[] a when typeof(TValue) == typeof(int?): return PrimitiveColumn<int>.Create(name, a);
            case uint[] a when typeof(TValue) == typeof(uint): return new PrimitiveColumn<uint>(name, DataType.UInt32, a);
            case uint?[] a when typeof(TValue) == typeof(uint?): return PrimitiveColumn<uint>.Create(name, a);
            case long[] a when typeof(TValue) == typeof(long): return new PrimitiveColumn<long>(name, DataType.Int64, a);
            case long?[] a when typeof(TValue) == typeof(long?): return PrimitiveColumn<long>.Create(name, a);
            case ulong[] a when typeof(TValue) == typeof(ulong): return new PrimitiveColumn<ulong>(name, DataType.UInt64, a);
            case ulong?[] a when typeof(TValue) == typeof(ulong?): return PrimitiveColumn<ulong>.Create(name, a);
            case Int128[] a when typeof(TValue) == typeof(Int128): return new PrimitiveColumn<Int128>(name, DataType.Int128, a);
            case Int128?[] a when typeof(TValue) == typeof(Int128?): return PrimitiveColumn<Int128>.Create(name, a);
            case UInt128[] a when typeof(TValue) == typeof(UInt128): return new PrimitiveColumn<UInt128>(name, DataType.UInt128, a);
            case UInt128?[] a when typeof(TValue) == typeof(UInt128?): return PrimitiveColumn<UInt128>.Create(name, a);
            case float[] a when typeof(TValue) == typeof(float): return new PrimitiveColumn<float>(name, DataType.Float, a);
            case float?[] a when typeof(TValue) == typeof(float?): return PrimitiveColumn<float>.Create(name, a);
            case double[] a when typeof(TValue) == typeof(double): return new PrimitiveColumn<double>(name, DataType.Double, a);
            case double?[] a when typeof(TValue) == typeof(double?): return PrimitiveColumn<double>.Create(name, a);
            case Guid[] a when typeof(TValue) == typeof(Guid): return new PrimitiveColumn<Guid>(name, DataType.Uuid, a);
            case Guid?[] a when typeof(TValue) == typeof(Guid?): return PrimitiveColumn<Guid>.Create(name, a);
            case Interval[] a when typeof(TValue) == typeof(Interval): return new PrimitiveColumn<Interval>(name, DataType.Interval, a);
            case Interval?[] a when typeof(TValue) == typeof(Interval?): return PrimitiveColumn<Interval>.Create(name, a);
            case TimeSpan[] a when typeof(TValue) == typeof(TimeSpan): return new PrimitiveColumn<Interval>(name, DataType.Interval, [.. a.Select(Interval.FromTimeSpan)]);
            case TimeSpan?[] a when typeof(TValue) == typeof(TimeSpan?): return PrimitiveColumn<Interval>.Create(name, [.. a.Select(t => t is { } v ? Interval.FromTimeSpan(v) : (Interval?)null)]);
            case decimal[] a when typeof(TValue) == typeof(decimal): return Decimals(name, [.. a.Select(d => (decimal?)d)]);
            case decimal?[] a when typeof(TValue) == typeof(decimal?): return Decimals(name, a);
            case string?[] a when typeof(TValue) == typeof(string): return StringColumn.Create(name, a);
            case char[] a when typeof(TValue) == typeof(char): return StringColumn.Create(name, [.. a.Select(c => (string?)c.ToString())]);
            case char?[] a when typeof(TValue) == typeof(char?): return StringColumn.Create(name, [.. a.Select(c => c?.ToString())]);
            case byte[]?[] a when typeof(TValue) == typeof(byte[]): return BlobColumn.Create(name, a);
            case DateOnly[] a when typeof(TValue) == typeof(DateOnly): return DateColumn.Create(name, [.. a.Select(d => (DateOnly?)d)]);
            case DateOnly?[] a when typeof(TValue) == typeof(DateOnly?): return DateColumn.Create(name, a);
            case DateTime[] a when typeof(TValue) == typeof(DateTime): return TimestampColumn.Create(name, [.. a.Select(d => (DateTime?)d)]);
            case DateTime?[] a when typeof(TValue) == typeof(DateTime?): return TimestampColumn.Create(name, a);
            case DateTimeOffset[] a when typeof(TValue) == typeof(DateTimeOffset): return TimestampColumn.CreateWithTimeZone(name, [.. a.Select(d => (DateTimeOffset?)d)]);
            case DateTimeOffset?[] a when typeof(TValue) == typeof(DateTimeOffset?): return TimestampColumn.CreateWithTimeZone(name, a);
            case TimeOnly[] a when typeof(TValue) == typeof(TimeOnly): return TimeColumn.Create(name, [.. a.Select(t => (TimeOnly?)t)]);
            case TimeOnly?[] a when typeof(TValue) == typeof(TimeOnly?): return TimeColumn.Create(name, a);
            case TimeWithOffset[] a when typeof(TValue) == typeof(TimeWithOffset): return TimeTzColumn.Create(name, [.. a.Select(t => (TimeWithOffset?)t)]);
            case TimeWithOffset?[] a when typeof(TValue) == typeof(TimeWithOffset?): return TimeTzColumn.Create(name, a);
        }
        var underlying = Nullable.GetUnderlyingType(typeof(TValue)) ?? typeof(TValue);
        if (underlying.IsEnum) return StringColumn.Create(name, [.. values.Select(v => v?.ToString())]);
        throw new NotSupportedException(
            $"{owner} is {TypeText.WithArticle(typeof(TValue))}, which has no column type. "
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
