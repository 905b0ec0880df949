using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Engine.Connections;

/// <summary><c>#!connect duckdb PATH|:memory:</c>: a DuckDB database file, or an in-memory database.</summary>
public sealed class DuckDbConnectionProvider : IConnectionProvider
{
    public static DuckDbConnectionProvider Instance { get; } = new();

    public string Kind => "duckdb";

    public string TargetHelp => "PATH|:memory:";

    public bool SupportsReadOnly => true;

    public bool TakesProviderType => false;

    public SessionConnection Open(ConnectionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Open(request.Name, request.Target, request.ReadOnly, request.WorkingDirectory);
    }

    /// <summary>Opens <paramref name="target"/> (a path relative to <paramref name="workingDirectory"/>, or <c>:memory:</c>).</summary>
    public static SessionConnection Open(string name, string target, bool readOnly, string workingDirectory) =>
        Open(name, new DuckDbDatabaseOptions { Path = target, ReadOnly = readOnly }, workingDirectory);

    /// <summary>Opens a database with <paramref name="options"/> (settings included), its path relative to <paramref name="workingDirectory"/>.</summary>
    public static SessionConnection Open(string name, DuckDbDatabaseOptions options, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (target, readOnly) = (options.Path, options.ReadOnly);
        var inMemory = target is ":memory:" or "memory" or "";
        var path = inMemory ? ":memory:" : Path.GetFullPath(Path.Combine(workingDirectory, target));
        if (!inMemory && readOnly && !File.Exists(path))
            throw new DuckDbOpenException($"The database file {path} does not exist; a read-only connection needs an existing file.", DuckDbOpenFailure.NotFound, path);
        // DuckDB cannot open an in-memory database read-only; such a connection is read-only in name only (as before).
        var database = DuckDbDatabase.Open(inMemory ? options with { Path = DuckDbDatabaseOptions.InMemory, ReadOnly = false } : options with { Path = path });
        try
        {
            var connection = database.Connect();
            // Relative paths in SQL (read_csv('data.csv'), 'file.parquet') resolve against the notebook's folder, as #load does.
            connection.Execute("SET file_search_path = " + SqlText.Literal(workingDirectory));
            return new SessionConnection(name, "duckdb", inMemory ? ":memory:" : path, readOnly, connection, database);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }
}
