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
