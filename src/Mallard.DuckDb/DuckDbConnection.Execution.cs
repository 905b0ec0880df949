using System.Runtime.InteropServices;
using Mallard.Data;
using Mallard.DuckDb.Interop;
using Mallard.DuckDb.Reading;

namespace Mallard.DuckDb;

// The execution loop every API of the connection runs on: split a script into statements, prepare and bind each, execute it with
// DuckDB's pending API so an interrupt reaches it, read the result; and the one streaming reader a connection may have open.
public sealed partial class DuckDbConnection
{
    internal void ReaderClosed(DuckDbResultReader reader)
    {
        if (ReferenceEquals(_activeReader, reader)) _activeReader = null;
    }

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

    /// <summary>How long the executing thread yields, rather than sleeps, while DuckDB's own threads finish the query's last tasks.</summary>
    private static readonly TimeSpan YieldWindow = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// Waits a moment while DuckDB's other threads run the query's tasks and none is left for this one. A small query's last task
    /// takes microseconds, and a sleep lasts at least a millisecond (most of a trivial cell's time): so the thread first yields,
    /// for up to <see cref="YieldWindow"/> since it last had work, and sleeps only after that.
    /// </summary>
    private static void WaitForOtherThreads(ref long idleSince)
    {
        if (idleSince == 0) idleSince = System.Diagnostics.Stopwatch.GetTimestamp();
        if (System.Diagnostics.Stopwatch.GetElapsedTime(idleSince) < YieldWindow) Thread.Yield();
        else Thread.Sleep(1);
    }

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
                    var idleSince = 0L;
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
                        if (task == DuckDbPendingState.NoTasksAvailable) WaitForOtherThreads(ref idleSince);
                        else idleSince = 0;
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
