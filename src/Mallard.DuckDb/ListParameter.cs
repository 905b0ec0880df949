using System.Collections;
using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using Mallard.Data;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>
/// Builds DuckDB LIST values from .NET collections, so an array or list binds as one parameter
/// (<c>WHERE list_contains($countries, country_code)</c>). Elements keep their types; null elements are NULL;
/// collections of collections become nested lists.
/// </summary>
internal static unsafe class ListParameter
{
    /// <summary>True for values bound as a LIST: arrays and collections, but not strings or byte arrays (text and BLOB) nor dictionaries.</summary>
    public static bool IsList(object value) => value is IEnumerable and not string and not byte[] and not IDictionary;

    /// <summary>Binds <paramref name="value"/> as a LIST parameter.</summary>
    public static DuckDbState Bind(PreparedStatementHandle statement, ulong index, IEnumerable value, string label)
    {
        var list = Create(value, label);
        try
        {
            return NativeMethods.BindValue(statement, index, list);
        }
        finally
        {
            NativeMethods.DestroyValue(ref list);
        }
    }

    /// <summary>A LIST value (the caller destroys it). Throws when an element cannot be represented.</summary>
    private static nint Create(IEnumerable value, string label)
    {
        var items = value.Cast<object?>().Select(i => i is DBNull ? null : i).ToList();
        var elementType = ElementType(value.GetType(), items);
        var childType = LogicalType(elementType, items, label);
        var natives = new nint[items.Count];
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                natives[i] = items[i] is { } item ? Element(item, $"{label}[{i}]") : NativeMethods.CreateNullValue();
                if (natives[i] == 0) throw new DuckDbException($"DuckDB could not make a value of element {i} of parameter {label}.", DuckDbErrorType.MismatchType);
            }
            nint list;
            nint none = 0;
            fixed (nint* p = natives) list = NativeMethods.CreateListValue(childType, natives.Length == 0 ? &none : p, (ulong)natives.Length);
            if (list == 0)
            {
                throw new DuckDbException(
                    $"DuckDB could not make a list of {Describe(elementType)} from parameter {label}: its elements do not all convert to that type.",
                    DuckDbErrorType.MismatchType);
            }
            return list;
        }
        finally
        {
            for (var i = 0; i < natives.Length; i++)
            {
                if (natives[i] != 0) NativeMethods.DestroyValue(ref natives[i]);
            }
            NativeMethods.DestroyLogicalType(ref childType);
        }
    }

    /// <summary>The element type a collection declares; for <c>object</c> elements, the type of the first non-null one.</summary>
    private static Type ElementType(Type collection, IReadOnlyList<object?> items)
    {
        var declared = collection.IsArray
            ? collection.GetElementType()!
            : collection.GetInterfaces().Append(collection)
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .Select(i => i.GetGenericArguments()[0]).FirstOrDefault() ?? typeof(object);
        declared = Nullable.GetUnderlyingType(declared) ?? declared;
        if (declared != typeof(object) && declared != typeof(ValueType)) return declared;
        return items.FirstOrDefault(i => i is not null)?.GetType() ?? typeof(string);
    }

    private static nint LogicalType(Type type, IReadOnlyList<object?> items, string label)
    {
        if (type == typeof(decimal) || type == typeof(SqlDecimal))
        {
            var (width, scale) = DecimalType(items);
            return NativeMethods.CreateDecimalType(width, scale);
        }
        if (typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string) && type != typeof(byte[]))
        {
            // A list of lists: the inner element type comes from the inner collections.
            var inner = items.OfType<IEnumerable>().SelectMany(c => c.Cast<object?>()).Select(i => i is DBNull ? null : i).ToList();
            var innerType = ElementType(items.FirstOrDefault(i => i is not null)?.GetType() ?? type, inner);
            var child = LogicalType(innerType, inner, label);
            try
            {
                return NativeMethods.CreateListType(child);
            }
            finally
            {
                NativeMethods.DestroyLogicalType(ref child);
            }
        }
        return NativeMethods.CreateLogicalType(TypeId(type) ?? throw new NotSupportedException(
            $"Parameter {label} is a list of {type.Name}, which Mallard cannot bind. Lists may hold numbers, strings, bools, decimals, dates and times, Guids, byte[] or lists of these."));
    }

    private static DuckDbTypeId? TypeId(Type type) => type switch
    {
        _ when type == typeof(bool) => DuckDbTypeId.Boolean,
        _ when type == typeof(sbyte) => DuckDbTypeId.TinyInt,
        _ when type == typeof(short) => DuckDbTypeId.SmallInt,
        _ when type == typeof(int) => DuckDbTypeId.Integer,
        _ when type == typeof(long) => DuckDbTypeId.BigInt,
        _ when type == typeof(byte) => DuckDbTypeId.UTinyInt,
        _ when type == typeof(ushort) => DuckDbTypeId.USmallInt,
        _ when type == typeof(uint) => DuckDbTypeId.UInteger,
        _ when type == typeof(ulong) => DuckDbTypeId.UBigInt,
        _ when type == typeof(Int128) => DuckDbTypeId.HugeInt,
        _ when type == typeof(UInt128) => DuckDbTypeId.UHugeInt,
        _ when type == typeof(float) => DuckDbTypeId.Float,
        _ when type == typeof(double) => DuckDbTypeId.Double,
        _ when type == typeof(string) || type == typeof(char) || type.IsEnum => DuckDbTypeId.Varchar,
        _ when type == typeof(byte[]) => DuckDbTypeId.Blob,
        _ when type == typeof(DateOnly) => DuckDbTypeId.Date,
        _ when type == typeof(DateTime) => DuckDbTypeId.Timestamp,
        _ when type == typeof(DateTimeOffset) => DuckDbTypeId.TimestampTz,
        _ when type == typeof(TimeOnly) => DuckDbTypeId.Time,
        _ when type == typeof(TimeSpan) || type == typeof(Interval) => DuckDbTypeId.Interval,
        _ when type == typeof(Guid) => DuckDbTypeId.Uuid,
        _ => null,
    };

    /// <summary>One DECIMAL type every element fits: the largest scale, as long as the integer digits still fit in 38.</summary>
    private static (byte Width, byte Scale) DecimalType(IReadOnlyList<object?> items)
    {
        byte scale = 0;
        var integerDigits = 1;
        foreach (var item in items)
        {
            var d = item switch
            {
                decimal v => ParameterBinder.ToDuckDbDecimal(v),
                SqlDecimal v => ParameterBinder.ToDuckDbDecimal(v),
                _ => (DuckDbDecimal?)null,
            };
            if (d is not { } dec) continue;
            scale = Math.Max(scale, dec.Scale);
            integerDigits = Math.Max(integerDigits, dec.Width - dec.Scale);
        }
        return (38, (byte)Math.Min(scale, 38 - integerDigits));
    }

    private static nint Element(object value, string label) => value switch
    {
        bool v => NativeMethods.CreateBool(v),
        sbyte v => NativeMethods.CreateInt8(v),
        short v => NativeMethods.CreateInt16(v),
        int v => NativeMethods.CreateInt32(v),
        long v => NativeMethods.CreateInt64(v),
        byte v => NativeMethods.CreateUInt8(v),
        ushort v => NativeMethods.CreateUInt16(v),
        uint v => NativeMethods.CreateUInt32(v),
        ulong v => NativeMethods.CreateUInt64(v),
        Int128 v => NativeMethods.CreateHugeInt(new DuckDbHugeInt(v)),
        UInt128 v => NativeMethods.CreateUHugeInt(new DuckDbUHugeInt(v)),
        float v => NativeMethods.CreateFloat(v),
        double v => NativeMethods.CreateDouble(v),
        decimal v => NativeMethods.CreateDecimal(ParameterBinder.ToDuckDbDecimal(v)),
        SqlDecimal v => NativeMethods.CreateDecimal(ParameterBinder.ToDuckDbDecimal(v)),
        string v => Varchar(v),
        char v => Varchar(v.ToString()),
        Enum v => Varchar(v.ToString()),
        byte[] v => Blob(v),
        DateOnly v => NativeMethods.CreateDate(v.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
        DateTime v => NativeMethods.CreateTimestamp(ParameterBinder.MicrosSinceEpoch(v.Ticks)),
        DateTimeOffset v => NativeMethods.CreateTimestampTz(ParameterBinder.MicrosSinceEpoch(v.UtcTicks)),
        TimeOnly v => NativeMethods.CreateTime(v.Ticks / TimeSpan.TicksPerMicrosecond),
        TimeSpan v => NativeMethods.CreateInterval(ParameterBinder.ToInterval(Interval.FromTimeSpan(v))),
        Interval v => NativeMethods.CreateInterval(ParameterBinder.ToInterval(v)),
        Guid v => ParameterBinder.CreateUuid(v),
        IEnumerable v => Create(v, label),
        _ => throw new NotSupportedException(
            $"Element {label} is a {value.GetType().Name}, which Mallard cannot bind. Lists may hold numbers, strings, bools, decimals, dates and times, Guids, byte[] or lists of these."),
    };

    private static nint Varchar(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        byte empty = 0;
        fixed (byte* p = bytes) return NativeMethods.CreateVarcharLength(bytes.Length == 0 ? &empty : p, (ulong)bytes.Length);
    }

    private static nint Blob(byte[] value)
    {
        byte empty = 0;
        fixed (byte* p = value) return NativeMethods.CreateBlob(value.Length == 0 ? &empty : p, (ulong)value.Length);
    }

    private static string Describe(Type type) => type == typeof(string) ? "VARCHAR" : type.Name.ToString(CultureInfo.InvariantCulture);
}
