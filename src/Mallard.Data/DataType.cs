using System.Data.SqlTypes;
using System.Globalization;
using System.Text;

namespace Mallard.Data;

/// <summary>
/// The logical type of a column: a <see cref="DataKind"/> plus what qualifies it (decimal precision and
/// scale, time unit, element, field, key and value types, enum dictionary). Immutable; compared by value.
/// </summary>
public sealed class DataType : IEquatable<DataType>
{
    private DataType(DataKind kind) => Kind = kind;

    public DataKind Kind { get; }

    /// <summary>Total digits of a DECIMAL.</summary>
    public int Precision { get; private init; }

    /// <summary>Digits after the point of a DECIMAL.</summary>
    public int Scale { get; private init; }

    /// <summary>Unit of a TIME or TIMESTAMP.</summary>
    public TimeUnit Unit { get; private init; } = TimeUnit.Microseconds;

    /// <summary>Element type of a LIST or ARRAY.</summary>
    public DataType? ElementType { get; private init; }

    /// <summary>Fixed length of an ARRAY.</summary>
    public int ArraySize { get; private init; }

    /// <summary>Members of a STRUCT.</summary>
    public IReadOnlyList<StructField> Fields { get; private init; } = [];

    /// <summary>Key type of a MAP.</summary>
    public DataType? KeyType { get; private init; }

    /// <summary>Value type of a MAP.</summary>
    public DataType? ValueType { get; private init; }

    /// <summary>The dictionary of an ENUM, in code order.</summary>
    public IReadOnlyList<string> EnumValues { get; private init; } = [];

    public static DataType Boolean { get; } = new(DataKind.Boolean);
    public static DataType Int8 { get; } = new(DataKind.Int8);
    public static DataType Int16 { get; } = new(DataKind.Int16);
    public static DataType Int32 { get; } = new(DataKind.Int32);
    public static DataType Int64 { get; } = new(DataKind.Int64);
    public static DataType UInt8 { get; } = new(DataKind.UInt8);
    public static DataType UInt16 { get; } = new(DataKind.UInt16);
    public static DataType UInt32 { get; } = new(DataKind.UInt32);
    public static DataType UInt64 { get; } = new(DataKind.UInt64);
    public static DataType Int128 { get; } = new(DataKind.Int128);
    public static DataType UInt128 { get; } = new(DataKind.UInt128);
    public static DataType Float { get; } = new(DataKind.Float);
    public static DataType Double { get; } = new(DataKind.Double);
    public static DataType Varchar { get; } = new(DataKind.Varchar);
    public static DataType Blob { get; } = new(DataKind.Blob);
    public static DataType Date { get; } = new(DataKind.Date);
    public static DataType Time { get; } = new(DataKind.Time);
    public static DataType TimeNs { get; } = new(DataKind.Time) { Unit = TimeUnit.Nanoseconds };
    public static DataType TimeTz { get; } = new(DataKind.TimeTz);
    public static DataType Timestamp { get; } = new(DataKind.Timestamp);
    public static DataType TimestampTz { get; } = new(DataKind.TimestampTz);
    public static DataType Interval { get; } = new(DataKind.Interval);
    public static DataType Uuid { get; } = new(DataKind.Uuid);

    public static DataType Decimal(int precision, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new DataType(DataKind.Decimal) { Precision = precision, Scale = scale };
    }

    public static DataType TimestampOf(TimeUnit unit) =>
        unit == TimeUnit.Microseconds ? Timestamp : new DataType(DataKind.Timestamp) { Unit = unit };

    public static DataType List(DataType element) => new(DataKind.List) { ElementType = element };

    public static DataType Array(DataType element, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        return new DataType(DataKind.Array) { ElementType = element, ArraySize = size };
    }

    public static DataType Struct(IEnumerable<StructField> fields) => new(DataKind.Struct) { Fields = [.. fields] };

    public static DataType Map(DataType key, DataType value) => new(DataKind.Map) { KeyType = key, ValueType = value };

    public static DataType Enum(IEnumerable<string> values) => new(DataKind.Enum) { EnumValues = [.. values] };

    /// <summary>True for the integer, floating-point and decimal kinds.</summary>
    public bool IsNumeric => Kind is >= DataKind.Int8 and <= DataKind.Decimal;

    /// <summary>True for kinds with nested values (LIST, ARRAY, STRUCT, MAP).</summary>
    public bool IsNested => Kind is DataKind.List or DataKind.Array or DataKind.Struct or DataKind.Map;

    /// <summary>The .NET type that <see cref="Column.GetValue"/> returns for a non-null value of this type.</summary>
    public Type ClrType => Kind switch
    {
        DataKind.Boolean => typeof(bool),
        DataKind.Int8 => typeof(sbyte),
        DataKind.Int16 => typeof(short),
        DataKind.Int32 => typeof(int),
        DataKind.Int64 => typeof(long),
        DataKind.UInt8 => typeof(byte),
        DataKind.UInt16 => typeof(ushort),
        DataKind.UInt32 => typeof(uint),
        DataKind.UInt64 => typeof(ulong),
        DataKind.Int128 => typeof(Int128),
        DataKind.UInt128 => typeof(UInt128),
        DataKind.Float => typeof(float),
        DataKind.Double => typeof(double),
        DataKind.Decimal => Precision <= 28 ? typeof(decimal) : typeof(object),
        DataKind.Varchar or DataKind.Enum => typeof(string),
        DataKind.Blob => typeof(byte[]),
        DataKind.Date => typeof(DateOnly),
        DataKind.Time => typeof(TimeOnly),
        DataKind.TimeTz => typeof(TimeWithOffset),
        DataKind.Timestamp => typeof(DateTime),
        DataKind.TimestampTz => typeof(DateTimeOffset),
        DataKind.Interval => typeof(Interval),
        DataKind.Uuid => typeof(Guid),
        DataKind.List or DataKind.Array => typeof(IReadOnlyList<object?>),
        DataKind.Struct => typeof(IReadOnlyDictionary<string, object?>),
        DataKind.Map => typeof(IReadOnlyDictionary<object, object?>),
        _ => typeof(object),
    };

    /// <summary>The type as DuckDB spells it in SQL, for example <c>DECIMAL(18,2)</c> or <c>STRUCT(a INTEGER, b VARCHAR[])</c>.</summary>
    public string Name => Kind switch
    {
        DataKind.Boolean => "BOOLEAN",
        DataKind.Int8 => "TINYINT",
        DataKind.Int16 => "SMALLINT",
        DataKind.Int32 => "INTEGER",
        DataKind.Int64 => "BIGINT",
        DataKind.UInt8 => "UTINYINT",
        DataKind.UInt16 => "USMALLINT",
        DataKind.UInt32 => "UINTEGER",
        DataKind.UInt64 => "UBIGINT",
        DataKind.Int128 => "HUGEINT",
        DataKind.UInt128 => "UHUGEINT",
        DataKind.Float => "FLOAT",
        DataKind.Double => "DOUBLE",
        DataKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Precision},{Scale})"),
        DataKind.Varchar => "VARCHAR",
        DataKind.Blob => "BLOB",
        DataKind.Date => "DATE",
        DataKind.Time => Unit == TimeUnit.Nanoseconds ? "TIME_NS" : "TIME",
        DataKind.TimeTz => "TIME WITH TIME ZONE",
        DataKind.Timestamp => Unit switch
        {
            TimeUnit.Seconds => "TIMESTAMP_S",
            TimeUnit.Milliseconds => "TIMESTAMP_MS",
            TimeUnit.Nanoseconds => "TIMESTAMP_NS",
            _ => "TIMESTAMP",
        },
        DataKind.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DataKind.Interval => "INTERVAL",
        DataKind.Uuid => "UUID",
        DataKind.Enum => "ENUM(" + string.Join(", ", EnumValues.Select(SqlText.Literal)) + ")",
        DataKind.List => ElementType!.Name + "[]",
        DataKind.Array => ElementType!.Name + "[" + ArraySize.ToString(CultureInfo.InvariantCulture) + "]",
        DataKind.Struct => "STRUCT(" + string.Join(", ", Fields.Select(f => SqlText.Name(f.Name) + " " + f.Type.Name)) + ")",
        DataKind.Map => "MAP(" + KeyType!.Name + ", " + ValueType!.Name + ")",
        _ => Kind.ToString().ToUpperInvariant(),
    };

    public override string ToString() => Name;

    public bool Equals(DataType? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Kind != Kind) return false;
        return Precision == other.Precision
            && Scale == other.Scale
            && Unit == other.Unit
            && ArraySize == other.ArraySize
            && Equals(ElementType, other.ElementType)
            && Equals(KeyType, other.KeyType)
            && Equals(ValueType, other.ValueType)
            && Fields.SequenceEqual(other.Fields)
            && EnumValues.SequenceEqual(other.EnumValues);
    }

    public override bool Equals(object? obj) => Equals(obj as DataType);

    public override int GetHashCode() => HashCode.Combine(Kind, Precision, Scale, Unit, ArraySize, ElementType, KeyType, Fields.Count);

    internal static object DecimalValue(Int128 raw, int scale, int precision)
    {
        var negative = raw < 0;
        var magnitude = negative ? (UInt128)(-raw) : (UInt128)raw;
        if (magnitude >> 96 == 0 && scale <= 28)
        {
            var lo = (int)(uint)magnitude;
            var mid = (int)(uint)(magnitude >> 32);
            var hi = (int)(uint)(magnitude >> 64);
            return new decimal(lo, mid, hi, negative, (byte)scale);
        }
        return ToSqlDecimal(raw, scale, precision);
    }

    internal static SqlDecimal ToSqlDecimal(Int128 raw, int scale, int precision)
    {
        var negative = raw < 0;
        var magnitude = negative ? (UInt128)(-raw) : (UInt128)raw;
        return new SqlDecimal((byte)precision, (byte)scale, !negative,
            (int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), (int)(uint)(magnitude >> 96));
    }
}
