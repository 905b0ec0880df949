using System.Data.Common;
using Mallard.Data;
using Mallard.DuckDb;

namespace Mallard.Engine.Connections;

/// <summary>A named connection of a session: DuckDB, PostgreSQL or any ADO.NET provider.</summary>
public sealed class SessionConnection : IDisposable
{
    private readonly DuckDbDatabase? _ownedDatabase;

    /// <summary>A connection a provider opened; the session disposes it when it closes.</summary>
    public SessionConnection(string name, string kind, string target, bool readOnly, DbConnection connection)
        : this(name, kind, target, readOnly, connection, null)
    {
    }

    internal SessionConnection(string name, string kind, string target, bool readOnly, DbConnection connection, DuckDbDatabase? ownedDatabase)
    {
        Name = name;
        Kind = kind;
        Target = target;
        ReadOnly = readOnly;
        Connection = connection;
        _ownedDatabase = ownedDatabase;
    }

    /// <summary>The name cells use (<c>--connection NAME</c>).</summary>
    public string Name { get; }

    /// <summary>"duckdb", "postgres" or "ado".</summary>
    public string Kind { get; }

    /// <summary>What it connects to: a file path, ":memory:", or a connection string with its password hidden.</summary>
    public string Target { get; }

    /// <summary>Whether the connection was opened read-only.</summary>
    public bool ReadOnly { get; }

    /// <summary>The open ADO.NET connection.</summary>
    public DbConnection Connection { get; }

    /// <summary>The DuckDB connection, or null for other providers.</summary>
    public DuckDbConnection? DuckDb => Connection as DuckDbConnection;

    /// <summary>Runs SQL with named parameters and returns the last statement's result.</summary>
    internal Frame Query(string sql, IReadOnlyDictionary<string, object?> parameters, CancellationToken cancellationToken)
    {
        if (DuckDb is { } duck) return duck.Query(sql, parameters.Count == 0 ? null : parameters, cancellationToken);
        return AdoQuery.Run(Connection, sql, parameters, cancellationToken);
    }

    /// <summary>The columns of a table or view (<c>name</c>, <c>schema.name</c> or <c>catalog.schema.name</c>), or null when there is none.</summary>
    internal Frame? Describe(string table, CancellationToken cancellationToken)
    {
        var parts = table.Split('.').Select(p => p.Trim('"')).ToArray();
        var name = parts[^1];
        var schema = parts.Length >= 2 ? parts[^2] : null;
        var sql = "SELECT column_name AS column, data_type AS type, is_nullable AS nullable FROM information_schema.columns "
            + "WHERE table_name = $table" + (schema is null ? "" : " AND table_schema = $schema") + " ORDER BY table_schema = 'main' DESC, table_schema, ordinal_position";
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["table"] = name };
        if (schema is not null) parameters["schema"] = schema;
        var frame = Query(sql, parameters, cancellationToken);
        return frame.RowCount == 0 ? null : frame;
    }

    private DuckDbConnection? _sideConnection;

    /// <summary>
    /// A second connection to the same DuckDB database for completion and inspection, so they work while a cell
    /// runs on the main one (connections are not thread-safe). Null for other providers.
    /// </summary>
    internal DuckDbConnection? SideConnection
    {
        get
        {
            if (_ownedDatabase is null && DuckDb is null) return null;
            var database = _ownedDatabase ?? DuckDb!.DatabaseInstance;
            return LazyInitializer.EnsureInitialized(ref _sideConnection, database.Connect);
        }
    }

    /// <summary>Interrupts what the connection is running, if anything.</summary>
    internal void Cancel()
    {
        try
        {
            DuckDb?.Cancel();
        }
        catch (InvalidOperationException)
        {
            // Closed meanwhile: nothing runs.
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}{(ReadOnly ? ", read-only" : "")}): {Target}";

    /// <summary>Closes the connection (and the database it opened).</summary>
    public void Dispose()
    {
        _sideConnection?.Dispose();
        Connection.Dispose();
        _ownedDatabase?.Dispose();
    }
}
