using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Mallard.Data;
using Mallard.DuckDb.Internal;
using Mallard.DuckDb.Interop;

namespace Mallard.DuckDb;

/// <summary>
/// A connection to a DuckDB database: an ADO.NET <see cref="DbConnection"/>, plus Mallard's direct API that
/// reads results straight into <see cref="Frame"/>s (<see cref="Query(string, CancellationToken)"/>), streams
/// them (<see cref="QueryStreaming(string, CancellationToken)"/>), prepares statements, bulk-loads with an
/// appender, and reports progress and can be cancelled from another thread while a query runs.
/// A connection runs one statement at a time: using it from two threads at once is refused.
/// </summary>
public sealed partial class DuckDbConnection : DbConnection
{
    private string _connectionString = "";
    private DuckDbDatabase? _database;
    private bool _ownsDatabase;
    private ConnectionHandle? _handle;
    private readonly ConnectionUse _use = new();
    private DuckDbResultReader? _activeReader;

    public DuckDbConnection()
    {
    }

    public DuckDbConnection(string connectionString) => _connectionString = connectionString ?? "";

    private DuckDbConnection(DuckDbDatabase database)
    {
        _database = database;
        _connectionString = new DuckDbConnectionStringBuilder { DataSource = database.Path, ReadOnly = database.Options.ReadOnly }.ConnectionString;
    }

    internal static DuckDbConnection OpenOn(DuckDbDatabase database)
    {
        var connection = new DuckDbConnection(database);
        connection.Open();
        return connection;
    }

    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_handle is not null) throw new InvalidOperationException("Close the connection before changing its connection string.");
            _connectionString = value ?? "";
        }
    }

    public override string Database => "main";

    public override string DataSource => _database?.Path ?? new DuckDbConnectionStringBuilder { ConnectionString = _connectionString }.DataSource;

    public override string ServerVersion => DuckDbDatabase.LibraryVersion;

    public override ConnectionState State => _handle is null ? ConnectionState.Closed : ConnectionState.Open;

    /// <summary>The database this connection is open on.</summary>
    public DuckDbDatabase DatabaseInstance => _database ?? throw new InvalidOperationException("The connection is not open.");

    public override void Open()
    {
        if (_handle is not null) throw new InvalidOperationException("The connection is already open.");
        if (_database is null)
        {
            var options = new DuckDbConnectionStringBuilder { ConnectionString = _connectionString }.ToOptions();
            _database = DuckDbDatabase.Open(options);
            _ownsDatabase = true;
        }
        _handle = _database.CreateConnectionHandle();
        try
        {
            // Errors as JSON give the error class and SQL position apart from the text; progress is
            // tracked for QueryProgress but never printed to stdout.
            foreach (var setting in (string[])["SET errors_as_json = true", "SET enable_progress_bar = true", "SET enable_progress_bar_print = false"])
                RunScript(setting, null, CancellationToken.None).Dispose();
            // A file attached under another name (see DuckDbDatabaseOptions.Alias) is where every connection starts.
            if (_database.DefaultCatalog is { } catalog) RunScript("USE " + Mallard.Data.SqlText.Identifier(catalog), null, CancellationToken.None).Dispose();
        }
        catch
        {
            Close();
            throw;
        }
    }

    public override void Close()
    {
        _activeReader?.Dispose();
        _activeReader = null;
        _handle?.Dispose();
        _handle = null;
        if (_ownsDatabase) _database?.Dispose();
        if (_ownsDatabase) _database = null;
        _ownsDatabase = false;
    }

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("DuckDB connections do not change database; ATTACH another database and USE it in SQL.");

    /// <summary>Interrupts the statement running on this connection, from any thread; it ends with <see cref="OperationCanceledException"/>. Does nothing when idle.</summary>
    public void Cancel()
    {
        var handle = _handle;
        if (handle is null || handle.IsClosed) return;
        // Remembered while busy, so a cancel that lands before DuckDB has started the query is not lost
        // (DuckDB clears its interrupt flag when a query starts); ignored when idle.
        _use.RecordCancel();
        try
        {
            NativeMethods.Interrupt(handle);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: nothing runs any more.
        }
    }

    /// <summary>The progress of the running query, or null when nothing runs or DuckDB cannot estimate it. Callable from any thread.</summary>
    public DuckDbQueryProgress? QueryProgress
    {
        get
        {
            var handle = _handle;
            if (handle is null || handle.IsClosed || !IsBusy) return null;
            try
            {
                var progress = NativeMethods.QueryProgress(handle);
                return progress.Percentage < 0 ? null : new DuckDbQueryProgress(progress.Percentage, progress.RowsProcessed, progress.TotalRowsToProcess);
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// True while a statement runs (or a streaming result is being read) on this connection, whether or not DuckDB can
    /// estimate its progress yet. Callable from any thread.
    /// </summary>
    public bool IsExecuting => IsBusy;

    public new DuckDbCommand CreateCommand() => new() { Connection = this };

    public new DuckDbTransaction BeginTransaction() => (DuckDbTransaction)BeginDbTransaction(IsolationLevel.Unspecified);

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        if (isolationLevel is not (IsolationLevel.Unspecified or IsolationLevel.Snapshot or IsolationLevel.Serializable))
            throw new NotSupportedException($"DuckDB runs transactions with snapshot isolation; {isolationLevel} is not available.");
        Execute("BEGIN TRANSACTION");
        return new DuckDbTransaction(this);
    }

    protected override DbCommand CreateDbCommand() => CreateCommand();

    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    internal ConnectionHandle Handle => _handle ?? throw new InvalidOperationException("The connection is not open; call Open() first.");

    /// <summary>True while this connection is open on <paramref name="handle"/>: statements and appenders made on it check this.</summary>
    internal bool IsOpenOn(ConnectionHandle handle) => ReferenceEquals(_handle, handle) && !handle.IsClosed;

    /// <summary>True while a thread is running a statement (or reading a chunk) on this connection.</summary>
    internal bool IsBusy => _use.IsBusy;

    /// <summary>Marks the connection busy on this thread; another thread using it meanwhile is refused.</summary>
    internal void EnterBusy() => _use.Enter();

    internal void ExitBusy() => _use.Exit();

    /// <summary>True when <see cref="Cancel"/> was called during the current busy period.</summary>
    private bool CancelRequested => _use.CancelRequested;
}
