using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;
using Mallard.DuckDb.Reading;

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
    // Who holds the connection: (busy period << 32) | managed thread id, or 0 when idle. A cancel records the
    // state it saw, so it applies to exactly that busy period, however early in it it lands.
    private long _busyState;
    private long _cancelledState;
    private int _busyPeriods;
    private int _busyDepth;
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
        var busy = Volatile.Read(ref _busyState);
        if (busy != 0) Volatile.Write(ref _cancelledState, busy);
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

    /// <summary>Runs one statement or a script of several; every statement runs and the last one's result is returned.</summary>
    public Frame Query(string sql, CancellationToken cancellationToken = default) => Query(sql, null, cancellationToken);

    /// <summary>
    /// Runs SQL with parameters: a list binds positional parameters (<c>?</c>, <c>$1</c>), a dictionary (or any
    /// <see cref="IEnumerable{T}"/> of name/value pairs) binds named ones (<c>$name</c>). In a script, each
    /// statement that has parameters gets them.
    /// </summary>
    public Frame Query(string sql, object? parameters, CancellationToken cancellationToken = default)
    {
        // Busy from execution through reading, so no other thread slips in between.
        EnterBusy();
        try
        {
            using var result = RunScript(sql, parameters, cancellationToken);
            return ReadAllGuarded(result, cancellationToken);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>Runs SQL and returns the number of rows the last statement changed (-1 for a query).</summary>
    public long Execute(string sql, object? parameters = null, CancellationToken cancellationToken = default)
    {
        using var result = RunScript(sql, parameters, cancellationToken);
        return result.RowsChanged;
    }

    /// <summary>Runs SQL and streams the last statement's result chunk by chunk, for results too large to hold.</summary>
    public DuckDbResultReader QueryStreaming(string sql, CancellationToken cancellationToken = default) => QueryStreaming(sql, null, cancellationToken);

    public DuckDbResultReader QueryStreaming(string sql, object? parameters, CancellationToken cancellationToken = default)
    {
        return StartReader(RunScript(sql, parameters, cancellationToken, streaming: true));
    }

    /// <summary>Prepares one statement for repeated execution with new parameter values.</summary>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ThrowIfReaderOpen();
        EnterBusy();
        try
        {
            return new DuckDbPreparedStatement(this, PrepareSingle(sql), sql);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>An appender that bulk-loads rows into <paramref name="table"/>.</summary>
    public DuckDbAppender CreateAppender(string table, string? schema = null, string? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ThrowIfReaderOpen();
        EnterBusy();
        try
        {
            return DuckDbAppender.Create(this, Handle, catalog, schema, table);
        }
        finally
        {
            ExitBusy();
        }
    }

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

    internal void ReaderClosed(DuckDbResultReader reader)
    {
        if (ReferenceEquals(_activeReader, reader)) _activeReader = null;
    }

    /// <summary>True while a thread is running a statement (or reading a chunk) on this connection.</summary>
    internal bool IsBusy => Volatile.Read(ref _busyState) != 0;

    /// <summary>True while this connection is open on <paramref name="handle"/>: statements and appenders made on it check this.</summary>
    internal bool IsOpenOn(ConnectionHandle handle) => ReferenceEquals(_handle, handle) && !handle.IsClosed;

    /// <summary>Wraps a streaming result in a reader that keeps the connection from running anything else until it is done.</summary>
    internal DuckDbResultReader StartReader(QueryResult result)
    {
        var reader = new DuckDbResultReader(this, result);
        _activeReader = reader;
        return reader;
    }

    /// <summary>
    /// Any other statement (even preparing one) ends DuckDB's active streaming result, so a reader that is
    /// still open would silently lose its remaining rows: refuse instead.
    /// </summary>
    private void ThrowIfReaderOpen()
    {
        if (_activeReader is not null)
            throw new InvalidOperationException("A streaming reader is still open on this connection; read it to the end or dispose it before running another statement.");
    }

    /// <summary>Marks the connection busy on this thread; another thread using it meanwhile is refused.</summary>
    internal void EnterBusy()
    {
        var me = Environment.CurrentManagedThreadId;
        var state = Volatile.Read(ref _busyState);
        if (state != 0 && (int)state == me)
        {
            _busyDepth++;
            return;
        }
        var mine = ((long)Interlocked.Increment(ref _busyPeriods) << 32) | (uint)me;
        if (Interlocked.CompareExchange(ref _busyState, mine, 0) != 0)
            throw new InvalidOperationException(
                "This DuckDB connection is in use by another thread. A connection runs one statement at a time: open a connection per thread (DuckDbDatabase.Connect()).");
        _busyDepth = 1;
    }

    internal void ExitBusy()
    {
        if (--_busyDepth == 0) Volatile.Write(ref _busyState, 0);
    }

    /// <summary>True when <see cref="Cancel"/> was called during the current busy period.</summary>
    private bool CancelRequested
    {
        get
        {
            var state = Volatile.Read(ref _busyState);
            return state != 0 && Volatile.Read(ref _cancelledState) == state;
        }
    }

    internal Frame ReadAllGuarded(QueryResult result, CancellationToken cancellationToken)
    {
        EnterBusy();
        try
        {
            using var registration = cancellationToken.Register(Cancel);
            return result.ReadAll(() =>
            {
                if (CancelRequested) throw new OperationCanceledException("Cancelled while the result was being read.");
            });
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        finally
        {
            ExitBusy();
        }
    }

    /// <summary>Runs every statement of <paramref name="sql"/>; returns the last one's result (streaming if asked).</summary>
    internal QueryResult RunScript(string sql, object? parameters, CancellationToken cancellationToken, bool streaming = false)
    {
        ArgumentNullException.ThrowIfNull(sql);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfReaderOpen();
        EnterBusy();
        try
        {
            using var extracted = Extract(sql, out var count);
            QueryResult? last = null;
            for (var i = 0UL; i < count; i++)
            {
                last?.Dispose();
                last = null;
                using var prepared = PrepareExtracted(extracted, i, sql);
                DuckDbPreparedStatement.BindAll(prepared, parameters);
                last = ExecutePrepared(prepared, sql, streaming && i == count - 1, cancellationToken);
            }
            return last!;
        }
        finally
        {
            ExitBusy();
        }
    }

    internal PreparedStatementHandle PrepareSingle(string sql)
    {
        using var extracted = Extract(sql, out var count);
        if (count > 1) throw new ArgumentException($"A prepared statement holds one SQL statement; this text has {count}. Run scripts with Query or Execute.", nameof(sql));
        return PrepareExtracted(extracted, 0, sql);
    }

    /// <summary>Splits <paramref name="sql"/> into statements; a text with none, or that does not parse, throws.</summary>
    private unsafe ExtractedStatementsHandle Extract(string sql, out ulong count)
    {
        var handle = Handle;
        count = NativeMethods.ExtractStatements(handle, sql, out var native);
        var extracted = new ExtractedStatementsHandle(native, handle);
        if (count > 0) return extracted;
        var error = Marshal.PtrToStringUTF8((nint)NativeMethods.ExtractStatementsError(native));
        extracted.Dispose();
        throw error is null
            ? new DuckDbException("The SQL text holds no statement.", DuckDbErrorType.Parser, null, sql)
            : ErrorMapper.FromMessage(error, DuckDbErrorType.Parser, sql);
    }

    /// <summary>Prepares statement <paramref name="index"/> of an extracted script; a failure throws DuckDB's error.</summary>
    private unsafe PreparedStatementHandle PrepareExtracted(ExtractedStatementsHandle extracted, ulong index, string sql)
    {
        var handle = Handle;
        var state = NativeMethods.PrepareExtractedStatement(handle, extracted.DangerousGetHandle(), index, out var native);
        var prepared = new PreparedStatementHandle(native, handle);
        if (state == DuckDbState.Success) return prepared;
        var message = Marshal.PtrToStringUTF8((nint)NativeMethods.PrepareError(native)) ?? "";
        prepared.Dispose();
        throw ErrorMapper.FromMessage(message, DuckDbErrorType.Invalid, sql);
    }

    /// <summary>Ties an interruption to the caller's token when the token asked for it.</summary>
    private static Exception Cancelled(Exception error, CancellationToken cancellationToken) =>
        error is OperationCanceledException && cancellationToken.IsCancellationRequested
            ? new OperationCanceledException(error.Message, error.InnerException, cancellationToken)
            : error;

    /// <summary>Executes a bound statement; an interrupt (from <see cref="Cancel"/> or the token) ends it with <see cref="OperationCanceledException"/>.</summary>
    internal unsafe QueryResult ExecutePrepared(PreparedStatementHandle prepared, string sql, bool streaming, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfReaderOpen();
        var result = new ResultHandle(prepared);
        try
        {
            DuckDbState state;
            using (cancellationToken.Register(Cancel))
            {
                // The pending API starts the query (which resets DuckDB's interrupt flag) before it runs, so a
                // cancel requested up to now is honoured here and any later one reaches the running query.
                var pendingState = streaming
                    ? NativeMethods.PendingPreparedStreaming(prepared, out var pending)
                    : NativeMethods.PendingPrepared(prepared, out pending);
                try
                {
                    if (pendingState != DuckDbState.Success)
                    {
                        var message = Marshal.PtrToStringUTF8((nint)NativeMethods.PendingError(pending)) ?? "";
                        throw Cancelled(ErrorMapper.FromMessage(message, DuckDbErrorType.Invalid, sql), cancellationToken);
                    }
                    // Run the query's tasks on this thread, checking between them for a cancel that DuckDB
                    // may not have seen (it clears its interrupt flag as execution starts); the tasks are
                    // DuckDB's own units of work, so the check costs nothing measurable.
                    // A cancel seen here is passed on as DuckDB's own interrupt, so DuckDB stops the query's
                    // tasks and cleans up (abandoning the pending query would leave its tasks running).
                    var interrupted = false;
                    while (true)
                    {
                        if (!interrupted && CancelRequested)
                        {
                            NativeMethods.Interrupt(Handle);
                            interrupted = true;
                        }
                        var task = NativeMethods.PendingExecuteTask(pending);
                        if (task == DuckDbPendingState.ResultReady) break;
                        if (task == DuckDbPendingState.Error)
                        {
                            var message = Marshal.PtrToStringUTF8((nint)NativeMethods.PendingError(pending)) ?? "";
                            throw Cancelled(ErrorMapper.FromMessage(message, DuckDbErrorType.Invalid, sql), cancellationToken);
                        }
                        if (task == DuckDbPendingState.NoTasksAvailable) Thread.Sleep(1);
                    }
                    state = NativeMethods.ExecutePending(pending, result.Result);
                }
                finally
                {
                    NativeMethods.DestroyPending(ref pending);
                }
            }
            if (state != DuckDbState.Success)
            {
                var message = Marshal.PtrToStringUTF8((nint)NativeMethods.ResultError(result.Result)) ?? "";
                throw Cancelled(ErrorMapper.FromMessage(message, NativeMethods.ResultErrorType(result.Result), sql), cancellationToken);
            }
            return new QueryResult(result, this, sql, streaming);
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
