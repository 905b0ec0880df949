using Mallard.DuckDb;
using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>DuckDB's C API: results, data chunks and vectors.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "duckdb_destroy_result")]
    internal static partial void DestroyResult(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_error")]
    internal static partial byte* ResultError(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_error_type")]
    internal static partial DuckDbErrorType ResultErrorType(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_column_count")]
    internal static partial ulong ColumnCount(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_column_name")]
    internal static partial byte* ColumnName(DuckDbResultStruct* result, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_column_logical_type")]
    internal static partial nint ColumnLogicalType(DuckDbResultStruct* result, ulong column);

    /// <summary>Rows in a materialised result (deprecated in the header, but the only way to size a frame before reading it).</summary>
    [LibraryImport(Library, EntryPoint = "duckdb_row_count")]
    internal static partial ulong RowCount(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_rows_changed")]
    internal static partial ulong RowsChanged(DuckDbResultStruct* result);

    [LibraryImport(Library, EntryPoint = "duckdb_result_return_type")]
    internal static partial DuckDbResultType ResultReturnType(DuckDbResultStruct result);

    [LibraryImport(Library, EntryPoint = "duckdb_fetch_chunk")]
    internal static partial nint FetchChunk(DuckDbResultStruct result);

    /// <summary>
    /// The chunks of a materialised result. Deprecated in the header with <see cref="ResultGetChunk"/>, but the only way to read one
    /// result's chunks on several threads at once; the loader accepts only the DuckDB version Mallard was built for, which has both.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "duckdb_result_chunk_count")]
    internal static partial ulong ResultChunkCount(DuckDbResultStruct result);

    /// <summary>
    /// A copy of chunk <paramref name="index"/> of a materialised result, to destroy (null past the last). DuckDB copies each out of
    /// its result with the reading thread's own state, so threads may fetch different chunks of one result at once. Unlike
    /// <see cref="FetchChunk"/> it lets DuckDB's exceptions through: see <see cref="Reading.RangeCopy"/> for why none arise.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "duckdb_result_get_chunk")]
    internal static partial nint ResultGetChunk(DuckDbResultStruct result, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_data_chunk")]
    internal static partial void DestroyDataChunk(ref nint chunk);

    [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_size")]
    [SuppressGCTransition]
    internal static partial ulong DataChunkGetSize(nint chunk);

    [LibraryImport(Library, EntryPoint = "duckdb_data_chunk_get_vector")]
    [SuppressGCTransition]
    internal static partial nint DataChunkGetVector(nint chunk, ulong column);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_get_data")]
    [SuppressGCTransition]
    internal static partial void* VectorGetData(nint vector);

    [LibraryImport(Library, EntryPoint = "duckdb_vector_get_validity")]
    [SuppressGCTransition]
    internal static partial ulong* VectorGetValidity(nint vector);

    [LibraryImport(Library, EntryPoint = "duckdb_list_vector_get_child")]
    internal static partial nint ListVectorGetChild(nint vector);

    [LibraryImport(Library, EntryPoint = "duckdb_list_vector_get_size")]
    internal static partial ulong ListVectorGetSize(nint vector);

    [LibraryImport(Library, EntryPoint = "duckdb_struct_vector_get_child")]
    internal static partial nint StructVectorGetChild(nint vector, ulong index);

    [LibraryImport(Library, EntryPoint = "duckdb_array_vector_get_child")]
    internal static partial nint ArrayVectorGetChild(nint vector);
}
