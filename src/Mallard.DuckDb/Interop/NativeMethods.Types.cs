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
}
