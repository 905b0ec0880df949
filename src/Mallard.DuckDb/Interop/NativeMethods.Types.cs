using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>DuckDB's C API: logical types and values.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_get_type_id")]
    internal static partial DuckDbTypeId GetTypeId(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_logical_type")]
    internal static partial void DestroyLogicalType(ref nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_width")]
    internal static partial byte DecimalWidth(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_scale")]
    internal static partial byte DecimalScale(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_decimal_internal_type")]
    internal static partial DuckDbTypeId DecimalInternalType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_internal_type")]
    internal static partial DuckDbTypeId EnumInternalType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_size")]
    internal static partial uint EnumDictionarySize(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_enum_dictionary_value")]
    internal static partial byte* EnumDictionaryValue(nint logicalType, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_list_type_child_type")]
    internal static partial nint ListTypeChildType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_array_type_child_type")]
    internal static partial nint ArrayTypeChildType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_array_type_array_size")]
    internal static partial ulong ArrayTypeArraySize(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_map_type_key_type")]
    internal static partial nint MapTypeKeyType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_map_type_value_type")]
    internal static partial nint MapTypeValueType(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_count")]
    internal static partial ulong StructTypeChildCount(nint logicalType);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_name")]
    internal static partial byte* StructTypeChildName(nint logicalType, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_type_child_type")]
    internal static partial nint StructTypeChildType(nint logicalType, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uuid")]
    internal static partial nint CreateUuid(DuckDbUHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_value")]
    internal static partial void DestroyValue(ref nint value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_logical_type")]
    internal static partial nint CreateLogicalType(DuckDbTypeId type);

    [LibraryImport(Library, EntryPoint = "duckdb_create_list_type")]
    internal static partial nint CreateListType(nint childType);

    [LibraryImport(Library, EntryPoint = "duckdb_create_decimal_type")]
    internal static partial nint CreateDecimalType(byte width, byte scale);

    [LibraryImport(Library, EntryPoint = "duckdb_create_list_value")]
    internal static partial nint CreateListValue(nint childType, nint* values, ulong count);

    [LibraryImport(Library, EntryPoint = "duckdb_create_null_value")]
    internal static partial nint CreateNullValue();

    [LibraryImport(Library, EntryPoint = "duckdb_create_bool")]
    internal static partial nint CreateBool([MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_int8")]
    internal static partial nint CreateInt8(sbyte value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_int16")]
    internal static partial nint CreateInt16(short value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_int32")]
    internal static partial nint CreateInt32(int value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_int64")]
    internal static partial nint CreateInt64(long value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uint8")]
    internal static partial nint CreateUInt8(byte value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uint16")]
    internal static partial nint CreateUInt16(ushort value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uint32")]
    internal static partial nint CreateUInt32(uint value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uint64")]
    internal static partial nint CreateUInt64(ulong value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_hugeint")]
    internal static partial nint CreateHugeInt(DuckDbHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_uhugeint")]
    internal static partial nint CreateUHugeInt(DuckDbUHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_float")]
    internal static partial nint CreateFloat(float value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_double")]
    internal static partial nint CreateDouble(double value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_decimal")]
    internal static partial nint CreateDecimal(DuckDbDecimal value);

    [LibraryImport(Library, EntryPoint = "duckdb_create_varchar_length")]
    internal static partial nint CreateVarcharLength(byte* text, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_create_blob")]
    internal static partial nint CreateBlob(byte* data, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_create_date")]
    internal static partial nint CreateDate(int days);

    [LibraryImport(Library, EntryPoint = "duckdb_create_time")]
    internal static partial nint CreateTime(long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_create_timestamp")]
    internal static partial nint CreateTimestamp(long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_create_timestamp_tz")]
    internal static partial nint CreateTimestampTz(long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_create_interval")]
    internal static partial nint CreateInterval(DuckDbIntervalStruct value);
}
