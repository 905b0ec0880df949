using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>DuckDB's C API: extracting, preparing and binding statements.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_extract_statements", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong ExtractStatements(ConnectionHandle connection, string query, out nint extracted);

    [LibraryImport(Library, EntryPoint = "duckdb_prepare_extracted_statement")]
    internal static partial DuckDbState PrepareExtractedStatement(ConnectionHandle connection, nint extracted, ulong index, out nint prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_extract_statements_error")]
    internal static partial byte* ExtractStatementsError(nint extracted);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_extracted")]
    internal static partial void DestroyExtracted(ref nint extracted);

    [LibraryImport(Library, EntryPoint = "duckdb_prepare", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState Prepare(ConnectionHandle connection, string query, out nint prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_prepare")]
    internal static partial void DestroyPrepare(ref nint prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_prepare_error")]
    internal static partial byte* PrepareError(nint prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_nparams")]
    internal static partial ulong ParameterCount(PreparedStatementHandle prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_parameter_name")]
    internal static partial byte* ParameterName(PreparedStatementHandle prepared, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_param_type")]
    internal static partial DuckDbTypeId ParameterType(PreparedStatementHandle prepared, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_clear_bindings")]
    internal static partial DuckDbState ClearBindings(PreparedStatementHandle prepared);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_parameter_index", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState BindParameterIndex(PreparedStatementHandle prepared, out ulong index, string name);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_value")]
    internal static partial DuckDbState BindValue(PreparedStatementHandle prepared, ulong index, nint value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_null")]
    internal static partial DuckDbState BindNull(PreparedStatementHandle prepared, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_boolean")]
    internal static partial DuckDbState BindBoolean(PreparedStatementHandle prepared, ulong index, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_int8")]
    internal static partial DuckDbState BindInt8(PreparedStatementHandle prepared, ulong index, sbyte value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_int16")]
    internal static partial DuckDbState BindInt16(PreparedStatementHandle prepared, ulong index, short value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_int32")]
    internal static partial DuckDbState BindInt32(PreparedStatementHandle prepared, ulong index, int value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_int64")]
    internal static partial DuckDbState BindInt64(PreparedStatementHandle prepared, ulong index, long value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_uint8")]
    internal static partial DuckDbState BindUInt8(PreparedStatementHandle prepared, ulong index, byte value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_uint16")]
    internal static partial DuckDbState BindUInt16(PreparedStatementHandle prepared, ulong index, ushort value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_uint32")]
    internal static partial DuckDbState BindUInt32(PreparedStatementHandle prepared, ulong index, uint value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_uint64")]
    internal static partial DuckDbState BindUInt64(PreparedStatementHandle prepared, ulong index, ulong value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_hugeint")]
    internal static partial DuckDbState BindHugeInt(PreparedStatementHandle prepared, ulong index, DuckDbHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_uhugeint")]
    internal static partial DuckDbState BindUHugeInt(PreparedStatementHandle prepared, ulong index, DuckDbUHugeInt value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_decimal")]
    internal static partial DuckDbState BindDecimal(PreparedStatementHandle prepared, ulong index, DuckDbDecimal value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_float")]
    internal static partial DuckDbState BindFloat(PreparedStatementHandle prepared, ulong index, float value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_double")]
    internal static partial DuckDbState BindDouble(PreparedStatementHandle prepared, ulong index, double value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_date")]
    internal static partial DuckDbState BindDate(PreparedStatementHandle prepared, ulong index, int days);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_time")]
    internal static partial DuckDbState BindTime(PreparedStatementHandle prepared, ulong index, long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_timestamp")]
    internal static partial DuckDbState BindTimestamp(PreparedStatementHandle prepared, ulong index, long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_timestamp_tz")]
    internal static partial DuckDbState BindTimestampTz(PreparedStatementHandle prepared, ulong index, long micros);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_interval")]
    internal static partial DuckDbState BindInterval(PreparedStatementHandle prepared, ulong index, DuckDbIntervalStruct value);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_varchar_length")]
    internal static partial DuckDbState BindVarcharLength(PreparedStatementHandle prepared, ulong index, byte* value, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_bind_blob")]
    internal static partial DuckDbState BindBlob(PreparedStatementHandle prepared, ulong index, void* data, ulong length);

    [LibraryImport(Library, EntryPoint = "duckdb_execute_prepared")]
    internal static partial DuckDbState ExecutePrepared(PreparedStatementHandle prepared, DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_execute_prepared_streaming")]
    internal static partial DuckDbState ExecutePreparedStreaming(PreparedStatementHandle prepared, DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_prepared")]
    internal static partial DuckDbState PendingPrepared(PreparedStatementHandle prepared, out nint pending);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_prepared_streaming")]
    internal static partial DuckDbState PendingPreparedStreaming(PreparedStatementHandle prepared, out nint pending);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_execute_task")]
    internal static partial DuckDbPendingState PendingExecuteTask(nint pending);

    [LibraryImport(Library, EntryPoint = "duckdb_pending_error")]
    internal static partial byte* PendingError(nint pending);

    [LibraryImport(Library, EntryPoint = "duckdb_execute_pending")]
    internal static partial DuckDbState ExecutePending(nint pending, DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_pending")]
    internal static partial void DestroyPending(ref nint pending);
}
