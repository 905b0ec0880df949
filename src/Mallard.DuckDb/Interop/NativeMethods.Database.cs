using System.Runtime.InteropServices;

namespace Mallard.DuckDb.Interop;

/// <summary>DuckDB's C API: opening, configuring and connecting (duckdb.h "Open Connect", "Configuration").</summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "duckdb";

    [LibraryImport(Library, EntryPoint = "duckdb_library_version")]
    internal static partial byte* LibraryVersion();

    [LibraryImport(Library, EntryPoint = "duckdb_free")]
    internal static partial void Free(void* pointer);

    [LibraryImport(Library, EntryPoint = "duckdb_create_config")]
    internal static partial DuckDbState CreateConfig(out nint config);

    [LibraryImport(Library, EntryPoint = "duckdb_set_config", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState SetConfig(nint config, string name, string option);

    [LibraryImport(Library, EntryPoint = "duckdb_destroy_config")]
    internal static partial void DestroyConfig(ref nint config);

    [LibraryImport(Library, EntryPoint = "duckdb_open_ext", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState OpenExt(string path, out nint database, nint config, out byte* error);

    [LibraryImport(Library, EntryPoint = "duckdb_create_instance_cache")]
    internal static partial nint CreateInstanceCache();

    [LibraryImport(Library, EntryPoint = "duckdb_get_or_create_from_cache", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState GetOrCreateFromCache(nint cache, string path, out nint database, nint config, out byte* error);

    [LibraryImport(Library, EntryPoint = "duckdb_close")]
    internal static partial void Close(ref nint database);

    [LibraryImport(Library, EntryPoint = "duckdb_connect")]
    internal static partial DuckDbState Connect(DatabaseHandle database, out nint connection);

    [LibraryImport(Library, EntryPoint = "duckdb_disconnect")]
    internal static partial void Disconnect(ref nint connection);

    [LibraryImport(Library, EntryPoint = "duckdb_interrupt")]
    internal static partial void Interrupt(ConnectionHandle connection);

    [LibraryImport(Library, EntryPoint = "duckdb_query_progress")]
    internal static partial DuckDbQueryProgressStruct QueryProgress(ConnectionHandle connection);
}
