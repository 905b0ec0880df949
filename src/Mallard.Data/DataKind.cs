namespace Mallard.Data;

/// <summary>The logical kind of a column's values; mirrors DuckDB's SQL types.</summary>
public enum DataKind
{
    Boolean,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int128,
    UInt128,
    Float,
    Double,
    Decimal,
    Varchar,
    Blob,
    Date,
    Time,
    TimeTz,
    Timestamp,
    TimestampTz,
    Interval,
    Uuid,
    Enum,
    List,
    Array,
    Struct,
    Map,
}
