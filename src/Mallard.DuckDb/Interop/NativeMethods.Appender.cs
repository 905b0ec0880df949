using Mallard.DuckDb;
using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>DuckDB's C API: the appender and error data.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_appender_create_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState AppenderCreateExt(ConnectionHandle connection, string? catalog, string? schema, string table, out nint appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_column_count")]
    internal static partial ulong AppenderColumnCount(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_column_type")]
    internal static partial nint AppenderColumnType(AppenderHandle appender, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_error_data")]
    internal static partial nint AppenderErrorData(nint appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_flush")]
    internal static partial DuckDbState AppenderFlush(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_close")]
    internal static partial DuckDbState AppenderClose(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_destroy")]
    internal static partial DuckDbState AppenderDestroy(ref nint appender);

    [LibraryImport(Library, EntryPoint = "duckdb_appender_end_row")]
    internal static partial DuckDbState AppenderEndRow(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_append_null")]
    internal static partial DuckDbState AppendNull(AppenderHandle appender);

    [LibraryImport(Library, EntryPoint = "duckdb_append_bool")]
    internal static partial DuckDbState AppendBool(AppenderHandle appender, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_int8")]
    internal static partial DuckDbState AppendInt8(AppenderHandle appender, sbyte value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_int16")]
    internal static partial DuckDbState AppendInt16(AppenderHandle appender, short value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_int32")]
    internal static partial DuckDbState AppendInt32(AppenderHandle appender, int value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_int64")]
    internal static partial DuckDbState AppendInt64(AppenderHandle appender, long value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_hugeint")]
    internal static partial DuckDbState AppendHugeInt(AppenderHandle appender, DuckDbHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_uint8")]
    internal static partial DuckDbState AppendUInt8(AppenderHandle appender, byte value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_uint16")]
    internal static partial DuckDbState AppendUInt16(AppenderHandle appender, ushort value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_uint32")]
    internal static partial DuckDbState AppendUInt32(AppenderHandle appender, uint value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_uint64")]
    internal static partial DuckDbState AppendUInt64(AppenderHandle appender, ulong value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_uhugeint")]
    internal static partial DuckDbState AppendUHugeInt(AppenderHandle appender, DuckDbUHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_float")]
    internal static partial DuckDbState AppendFloat(AppenderHandle appender, float value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_double")]
    internal static partial DuckDbState AppendDouble(AppenderHandle appender, double value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_date")]
    internal static partial DuckDbState AppendDate(AppenderHandle appender, int days);

    [LibraryImport(Library, EntryPoint = "duckdb_append_time")]
    internal static partial DuckDbState AppendTime(AppenderHandle appender, long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_append_timestamp")]
    internal static partial DuckDbState AppendTimestamp(AppenderHandle appender, long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_append_interval")]
    internal static partial DuckDbState AppendInterval(AppenderHandle appender, DuckDbIntervalStruct value);

    [LibraryImport(Library, EntryPoint = "duckdb_append_varchar_length")]
    internal static partial DuckDbState AppendVarcharLength(AppenderHandle appender, byte* value, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_append_blob")]
    internal static partial DuckDbState AppendBlob(AppenderHandle appender, void* data, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_append_value")]
    internal static partial DuckDbState AppendValue(AppenderHandle appender, nint value);

    [LibraryImport(Library, EntryPoint = "duckdb_error_data_message")]
    internal static partial byte* ErrorDataMessage(nint errorData);

    [LibraryImport(Library, EntryPoint = "duckdb_error_data_error_type")]
    internal static partial DuckDbErrorType ErrorDataErrorType(nint errorData);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_error_data")]
    internal static partial void DestroyErrorData(ref nint errorData);
}
