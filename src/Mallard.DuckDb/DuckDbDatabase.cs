using System.Runtime.InteropServices;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>
/// An open DuckDB database (a file or in memory). Open connections from it with <see cref="Connect"/>;
/// each connection is for one thread at a time. A file opened twice in one process shares one DuckDB
/// instance (DuckDB's instance cache), as DuckDB requires. Thread-safe.
/// </summary>
public sealed class DuckDbDatabase : IDisposable
{
    private static readonly Lock CacheGate = new();
    private static nint s_instanceCache;
    private readonly DatabaseHandle _handle;
    private volatile bool _disposed;

    private DuckDbDatabase(DatabaseHandle handle, DuckDbDatabaseOptions options, string? defaultCatalog = null)
    {
        _handle = handle;
        Options = options;
        DefaultCatalog = defaultCatalog;
    }

    public DuckDbDatabaseOptions Options { get; }

    /// <summary>The catalog every connection starts in when the file is attached under another name (<see cref="DuckDbDatabaseOptions.Alias"/>); else null.</summary>
    public string? DefaultCatalog { get; }

    public string Path => Options.Path;

    /// <summary>The DuckDB library version in use, for example <c>v1.5.6</c>.</summary>
    public static unsafe string LibraryVersion
    {
        get
        {
            NativeLibraryLoader.EnsureLoaded();
            return Marshal.PtrToStringUTF8((nint)NativeMethods.LibraryVersion()) ?? "";
        }
    }

    public static DuckDbDatabase OpenInMemory() => Open(new DuckDbDatabaseOptions());

    public static DuckDbDatabase Open(string path, bool readOnly = false) => Open(new DuckDbDatabaseOptions { Path = path, ReadOnly = readOnly });

    public static DuckDbDatabase Open(DuckDbDatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.IsInMemory) return OpenInstance(options);
        if (options.Alias is { } alias) return OpenAttached(options, alias);
        var database = OpenInstance(options);
        // A file named like a schema it holds (gold.duckdb with a schema gold) makes NAME.table ambiguous: attach it under
        // another name instead.
        string? clash;
        try
        {
            using var connection = database.Connect();
            clash = connection.Query(
                "SELECT current_database() FROM duckdb_schemas() WHERE database_name = current_database() AND schema_name = current_database() AND schema_name <> 'main' LIMIT 1")
                is { RowCount: 1 } found ? found.GetRow(0)[0] as string : null;
        }
        catch
        {
            database.Dispose();
            throw;
        }
        if (clash is null) return database;
        database.Dispose();
        return OpenAttached(options, clash + "_db");
    }

    /// <summary>An in-memory instance with the file attached as <paramref name="alias"/>, which every connection uses.</summary>
    private static DuckDbDatabase OpenAttached(DuckDbDatabaseOptions options, string alias)
    {
        if (string.IsNullOrWhiteSpace(alias)) throw new ArgumentException("The alias of a database file must not be empty.", nameof(options));
        var path = System.IO.Path.GetFullPath(options.Path);
        if (options.ReadOnly && !File.Exists(path))
            throw new DuckDbOpenException($"Cannot open database \"{options.Path}\" read-only: the file does not exist.", DuckDbOpenFailure.NotFound, options.Path);
        // The instance itself is memory (which cannot be read-only); the file is attached read-only when asked.
        var instance = OpenInstance(options with { Path = DuckDbDatabaseOptions.InMemory, ReadOnly = false, Alias = null });
        try
        {
            using var connection = instance.Connect();
            connection.Execute("ATTACH " + Mallard.Data.SqlText.Literal(path) + " AS " + Mallard.Data.SqlText.Identifier(alias) + (options.ReadOnly ? " (READ_ONLY)" : ""));
        }
        catch (DuckDbException e)
        {
            instance.Dispose();
            throw OpenError(e.Message, options);
        }
        catch
        {
            instance.Dispose();
            throw;
        }
        return new DuckDbDatabase(instance._handle, options with { Path = path, Alias = alias }, alias);
    }

    private static unsafe DuckDbDatabase OpenInstance(DuckDbDatabaseOptions options)
    {
        NativeLibraryLoader.EnsureLoaded();
        var path = options.IsInMemory ? DuckDbDatabaseOptions.InMemory : System.IO.Path.GetFullPath(options.Path);
        if (options.ReadOnly && !options.IsInMemory && !File.Exists(path))
            throw new DuckDbOpenException($"Cannot open database \"{options.Path}\" read-only: the file does not exist.", DuckDbOpenFailure.NotFound, options.Path);

        if (NativeMethods.CreateConfig(out var config) != DuckDbState.Success)
            throw new DuckDbException("DuckDB could not create a configuration object (out of memory?).");
        try
        {
            foreach (var (name, value) in options.ConfigEntries())
            {
                if (NativeMethods.SetConfig(config, name, value) != DuckDbState.Success)
                    throw new DuckDbOpenException($"DuckDB rejected the setting {name} = '{value}'.", DuckDbOpenFailure.InvalidOption, options.Path);
            }
            nint database;
            byte* error;
            var state = options.IsInMemory
                ? NativeMethods.OpenExt(path, out database, config, out error)
                : NativeMethods.GetOrCreateFromCache(InstanceCache(), path, out database, config, out error);
            if (state != DuckDbState.Success)
            {
                var message = error is null ? "unknown error" : Marshal.PtrToStringUTF8((nint)error) ?? "";
                if (error is not null) NativeMethods.Free(error);
                if (database != nint.Zero) NativeMethods.Close(ref database);
                throw OpenError(message, options);
            }
            return new DuckDbDatabase(new DatabaseHandle(database), options with { Path = path });
        }
        finally
        {
            NativeMethods.DestroyConfig(ref config);
        }
    }

    /// <summary>A new connection to this database.</summary>
    public DuckDbConnection Connect()
    {
        // Not _handle.IsClosed: open connections keep the handle alive (and not closed) after Dispose.
        ObjectDisposedException.ThrowIf(_disposed, this);
        return DuckDbConnection.OpenOn(this);
    }

    internal ConnectionHandle CreateConnectionHandle()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (NativeMethods.Connect(_handle, out var connection) != DuckDbState.Success)
            throw new DuckDbException($"DuckDB could not open a connection to {Path}.");
        return new ConnectionHandle(connection, _handle);
    }

    /// <summary>Releases this reference to the database; connections still open keep it alive until they close.</summary>
    public void Dispose()
    {
        _disposed = true;
        _handle.Dispose();
    }

    private static nint InstanceCache()
    {
        lock (CacheGate)
        {
            // One cache for the process, never destroyed: it only holds weak references to instances.
            if (s_instanceCache == nint.Zero) s_instanceCache = NativeMethods.CreateInstanceCache();
            return s_instanceCache;
        }
    }

    private static DuckDbOpenException OpenError(string message, DuckDbDatabaseOptions options)
    {
        var failure =
            message.Contains("Could not set lock", StringComparison.OrdinalIgnoreCase) || message.Contains("Conflicting lock", StringComparison.OrdinalIgnoreCase) ? DuckDbOpenFailure.Locked
            : message.Contains("does not exist", StringComparison.OrdinalIgnoreCase) ? DuckDbOpenFailure.NotFound
            : message.Contains("not recognized", StringComparison.OrdinalIgnoreCase) || message.Contains("option", StringComparison.OrdinalIgnoreCase) ? DuckDbOpenFailure.InvalidOption
            : DuckDbOpenFailure.Other;
        var text = failure switch
        {
            DuckDbOpenFailure.Locked => $"Cannot open database \"{options.Path}\": another process holds it open for writing. Close that process, or open the file read-only from both. DuckDB said: {message}",
            _ => $"Cannot open database \"{options.Path}\": {message}",
        };
        return new DuckDbOpenException(text, failure, options.Path);
    }
}
