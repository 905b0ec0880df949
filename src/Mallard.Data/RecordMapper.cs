using System.Collections;
using System.Data.SqlTypes;
using System.Globalization;
using System.Numerics;
using System.Reflection;

namespace Mallard.Data;

/// <summary>
/// Maps frame rows to records and classes by column name, and converts column values to the .NET types
/// of record properties and constructor parameters.
/// </summary>
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
            (DateOnly d, _) when type == typeof(DateTimeOffset) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            (DateTime t, _) when type == typeof(DateOnly) => DateOnly.FromDateTime(t),
            (DateTimeOffset t, _) when type == typeof(DateTime) => t.UtcDateTime,
            (DateTimeOffset t, _) when type == typeof(DateOnly) => DateOnly.FromDateTime(t.UtcDateTime),
            (DateTime t, _) when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
            (TimeOnly t, _) when type == typeof(TimeSpan) => t.ToTimeSpan(),
            (TimeWithOffset t, _) when type == typeof(TimeOnly) => t.Time,
            (Interval i, _) when type == typeof(TimeSpan) => i.ToTimeSpan(),
            (TimeSpan t, _) when type == typeof(Interval) => Interval.FromTimeSpan(t),
            (string s, _) when type.IsEnum => Enum.Parse(type, s, ignoreCase: true),
            (_, _) when type.IsEnum && IsInteger(value) => Enum.ToObject(type, value),
            (string s, _) when type == typeof(char) && s.Length == 1 => s[0],
            (string s, _) when type == typeof(Guid) => Guid.Parse(s),
            (_, _) when type == typeof(string) => Convert.ToString(value, CultureInfo.InvariantCulture),
            (Int128 i, _) when IsInteger(type) => FromWideInteger(i, type),
            (UInt128 i, _) when IsInteger(type) => FromWideInteger(i, type),
            (Int128 i, _) when type == typeof(decimal) => (decimal)i,
            (Int128 i, _) when type == typeof(double) => (double)i,
            (Int128 i, _) when type == typeof(float) => (float)i,
            (UInt128 i, _) when type == typeof(decimal) => (decimal)i,
            (UInt128 i, _) when type == typeof(double) => (double)i,
            (UInt128 i, _) when type == typeof(float) => (float)i,
            (SqlDecimal d, _) when type == typeof(double) => d.ToDouble(),
            (SqlDecimal d, _) when type == typeof(decimal) => d.Value,
            (IConvertible c, _) when type == typeof(Int128) => value is ulong u ? (Int128)u : (Int128)c.ToInt64(CultureInfo.InvariantCulture),
            (IConvertible c, _) when type == typeof(UInt128) => (UInt128)c.ToUInt64(CultureInfo.InvariantCulture),
            // Integer to integer and decimal to double go through Convert, which checks ranges.
            (IConvertible, _) when typeof(IConvertible).IsAssignableFrom(type) => Convert.ChangeType(value, type, CultureInfo.InvariantCulture),
            (IReadOnlyList<object?> list, _) when TryGetElementType(type, out var element) => ConvertList(list, type, element),
            _ => throw new InvalidCastException($"A {value.GetType().Name} value cannot be converted to {target.Name}."),
        };
    }

    /// <summary>Maps every row of <paramref name="frame"/> to a <typeparamref name="T"/>, planning the mapping once.</summary>
    public static List<T> ToRecords<T>(Frame frame)
    {
        var plan = RecordPlan.Create(typeof(T), frame);
        var records = new List<T>(frame.RowCount);
        var arguments = new object?[plan.Parameters.Length];
        for (var row = 0; row < frame.RowCount; row++)
        {
            for (var p = 0; p < arguments.Length; p++) arguments[p] = plan.Parameters[p].Read(row);
            var record = plan.Construct(arguments);
            foreach (var property in plan.Properties) property.Assign(record, row);
            records.Add((T)record);
        }
        return records;
    }

    private static bool IsInteger(object value) => value is sbyte or byte or short or ushort or int or uint or long or ulong;

    private static bool IsInteger(Type type) =>
        type == typeof(sbyte) || type == typeof(byte) || type == typeof(short) || type == typeof(ushort)
        || type == typeof(int) || type == typeof(uint) || type == typeof(long) || type == typeof(ulong)
        || type == typeof(Int128) || type == typeof(UInt128);

    /// <summary>A 128-bit integer as a narrower (or the other 128-bit) integer type; out of range throws <see cref="OverflowException"/>.</summary>
    private static object FromWideInteger<T>(T value, Type type)
        where T : IBinaryInteger<T> => Type.GetTypeCode(type) switch
        {
            TypeCode.SByte => sbyte.CreateChecked(value),
            TypeCode.Byte => byte.CreateChecked(value),
            TypeCode.Int16 => short.CreateChecked(value),
            TypeCode.UInt16 => ushort.CreateChecked(value),
            TypeCode.Int32 => int.CreateChecked(value),
            TypeCode.UInt32 => uint.CreateChecked(value),
            TypeCode.Int64 => long.CreateChecked(value),
            TypeCode.UInt64 => ulong.CreateChecked(value),
            _ when type == typeof(Int128) => Int128.CreateChecked(value),
            _ => UInt128.CreateChecked(value),
        };

    // Arrays and the list interfaces a List<T> satisfies.
    private static bool TryGetElementType(Type type, out Type element)
    {
        element = null!;
        if (type.IsArray && type.GetArrayRank() == 1)
        {
            element = type.GetElementType()!;
            return true;
        }
        if (!type.IsGenericType) return false;
        var definition = type.GetGenericTypeDefinition();
        if (definition != typeof(List<>) && definition != typeof(IReadOnlyList<>) && definition != typeof(IList<>)
            && definition != typeof(ICollection<>) && definition != typeof(IReadOnlyCollection<>) && definition != typeof(IEnumerable<>))
        {
            return false;
        }
        element = type.GetGenericArguments()[0];
        return true;
    }

    private static object ConvertList(IReadOnlyList<object?> items, Type type, Type element)
    {
        IList result = type.IsArray
            ? Array.CreateInstance(element, items.Count)
            : (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element), items.Count)!;
        for (var i = 0; i < items.Count; i++)
        {
            object? converted;
            if (items[i] is { } item) converted = ConvertValue(item, element);
            else if (element.IsValueType && Nullable.GetUnderlyingType(element) is null)
                throw new InvalidCastException($"Element {i} of the list is NULL, which a {element.Name} cannot hold.");
            else converted = null;
            if (type.IsArray) result[i] = converted;
            else result.Add(converted);
        }
        return result;
    }

    /// <summary>How one record type is built from one frame: the constructor, and a column per member. Built once per call.</summary>
    private sealed class RecordPlan
    {
        private readonly Type _type;
        private readonly ConstructorInvoker? _constructor;

        private RecordPlan(Type type, ConstructorInvoker? constructor, MemberBinding[] parameters, MemberBinding[] properties)
        {
            _type = type;
            _constructor = constructor;
            Parameters = parameters;
            Properties = properties;
        }

        public MemberBinding[] Parameters { get; }

        public MemberBinding[] Properties { get; }

        public object Construct(object?[] arguments) =>
            _constructor is not null ? _constructor.Invoke(arguments.AsSpan())! : Activator.CreateInstance(_type)!;

        public static RecordPlan Create(Type type, Frame frame)
        {
            if (type.IsAbstract || type.IsInterface)
                throw new InvalidOperationException($"Rows cannot be mapped to {type.Name}: it is abstract or an interface.");
            var columns = new ColumnMatcher(frame);
            // Reference members annotated as non-nullable (in code with nullable annotations on) refuse NULL as value types do.
            var nullability = new NullabilityInfoContext();
            var constructor = ChooseConstructor(type);
            var parameters = constructor?.GetParameters() ?? [];
            var parameterBindings = new MemberBinding[parameters.Length];
            for (var p = 0; p < parameters.Length; p++)
            {
                var parameter = parameters[p];
                var name = parameter.Name ?? $"#{p}";
                var index = columns.Find(name);
                if (index >= 0)
                {
                    parameterBindings[p] = new MemberBinding(type, "constructor parameter", name, parameter.ParameterType, frame[index], null,
                        refusesNull: nullability.Create(parameter).WriteState == NullabilityState.NotNull);
                    continue;
                }
                if (!parameter.HasDefaultValue)
                {
                    throw new InvalidOperationException(
                        $"{type.Name} needs constructor parameter '{name}', but the frame has no column named like it. Its columns are: {string.Join(", ", frame.ColumnNames)}.");
                }
                var fallback = parameter.DefaultValue is null or DBNull && parameter.ParameterType.IsValueType
                    ? Activator.CreateInstance(parameter.ParameterType)
                    : parameter.DefaultValue is DBNull ? null : parameter.DefaultValue;
                parameterBindings[p] = MemberBinding.Constant(type, name, parameter.ParameterType, fallback);
            }
            var taken = new HashSet<string>(parameters.Select(p => p.Name ?? ""), StringComparer.OrdinalIgnoreCase);
            var propertyBindings = new List<MemberBinding>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is not { IsPublic: true } setter || property.GetIndexParameters().Length > 0) continue;
                if (taken.Contains(property.Name)) continue;
                var index = columns.Find(property.Name);
                if (index < 0) continue;
                propertyBindings.Add(new MemberBinding(type, "property", property.Name, property.PropertyType, frame[index], MethodInvoker.Create(setter),
                    refusesNull: nullability.Create(property).WriteState == NullabilityState.NotNull));
            }
            return new RecordPlan(type, constructor is null ? null : ConstructorInvoker.Create(constructor), parameterBindings, [.. propertyBindings]);
        }

        // A class with a public parameterless constructor is built with it and then its properties are
        // set; otherwise the public constructor with the most parameters is used (a positional record's
        // primary constructor). A struct without such a constructor starts from its default value.
        private static ConstructorInfo? ChooseConstructor(Type type)
        {
            var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
            var parameterless = constructors.FirstOrDefault(c => c.GetParameters().Length == 0);
            if (parameterless is not null && !type.IsValueType) return parameterless;
            var widest = constructors.Where(c => c.GetParameters().Length > 0).MaxBy(c => c.GetParameters().Length);
            if (widest is not null) return widest;
            if (type.IsValueType) return null;
            throw new InvalidOperationException($"Rows cannot be mapped to {type.Name}: it has no public constructor.");
        }
    }

    /// <summary>A constructor parameter or property and the column that feeds it.</summary>
    private sealed class MemberBinding
    {
        private readonly Type _recordType;
        private readonly string _memberKind;
        private readonly string _memberName;
        private readonly Type _memberType;
        private readonly Column? _column;
        private readonly MethodInvoker? _setter;
        private readonly object? _constant;
        private readonly bool _acceptsNull;

        public MemberBinding(Type recordType, string memberKind, string memberName, Type memberType, Column? column, MethodInvoker? setter, object? constant = null, bool refusesNull = false)
        {
            _recordType = recordType;
            _memberKind = memberKind;
            _memberName = memberName;
            _memberType = memberType;
            _column = column;
            _setter = setter;
            _constant = constant;
            _acceptsNull = memberType.IsValueType ? Nullable.GetUnderlyingType(memberType) is not null : !refusesNull;
        }

        public static MemberBinding Constant(Type recordType, string memberName, Type memberType, object? value) =>
            new(recordType, "constructor parameter", memberName, memberType, null, null, value);

        public object? Read(int row)
        {
            if (_column is null) return _constant;
            if (_column.IsNull(row))
            {
                return _acceptsNull
                    ? null
                    : throw new InvalidCastException(
                        $"Column '{_column.Name}' is NULL at row {row}, but {_memberKind} '{_memberName}' of {_recordType.Name} is a non-nullable {_memberType.Name}; declare it as {_memberType.Name}? to accept NULL.");
            }
            var value = _column.GetValue(row)!;
            try
            {
                return ConvertValue(value, _memberType);
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException)
            {
                throw new InvalidCastException(
                    $"Column '{_column.Name}' ({_column.Type.Name}) at row {row} holds a value that {_memberKind} '{_memberName}' of {_recordType.Name} ({_memberType.Name}) cannot take: {e.Message}", e);
            }
        }

        public void Assign(object record, int row) => _setter!.Invoke(record, Read(row));
    }

    /// <summary>Finds the column for a member name: exact, then ignoring case, then ignoring case and underscores.</summary>
    private sealed class ColumnMatcher
    {
        private readonly Frame _frame;
        private readonly string[] _normalized;

        public ColumnMatcher(Frame frame)
        {
            _frame = frame;
            _normalized = [.. frame.ColumnNames.Select(Normalize)];
        }

        public int Find(string memberName)
        {
            var index = _frame.IndexOf(memberName);
            if (index >= 0) return index;
            var normalized = Normalize(memberName);
            return Array.FindIndex(_normalized, n => string.Equals(n, normalized, StringComparison.OrdinalIgnoreCase));
        }

        private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal);
    }
}
