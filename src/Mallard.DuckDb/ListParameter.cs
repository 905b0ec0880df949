using System.Collections;
using System.Data.SqlTypes;
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

    /// <summary>A LIST value (the caller destroys it); <paramref name="what"/> names it in errors. Throws when an element cannot be represented.</summary>
    public static nint Create(IEnumerable value, string what)
    {
        var items = value.Cast<object?>().Select(i => i is DBNull ? null : i).ToList();
        var elementType = ElementType(value.GetType(), items);
        var childType = LogicalType(elementType, items, what);
        var natives = new nint[items.Count];
        try
        {
            for (var i = 0; i < items.Count; i++) natives[i] = ParameterBinder.CreateValue(items[i], $"element {i} of {what}");
            nint list;
            nint none = 0;
            fixed (nint* p = natives) list = NativeMethods.CreateListValue(childType, natives.Length == 0 ? &none : p, (ulong)natives.Length);
            if (list == 0)
            {
                throw new DuckDbException(
                    $"DuckDB could not make a list of {elementType.Name} from {what}: its elements do not all convert to that type.",
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

    private static nint LogicalType(Type type, IReadOnlyList<object?> items, string what)
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
            var child = LogicalType(innerType, inner, what);
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
            $"{ParameterBinder.Capitalized(what)} is a list of {type.Name}, which Mallard cannot bind. Lists may hold numbers, strings, bools, decimals, dates and times, Guids, byte[] or lists of these."));
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
}
