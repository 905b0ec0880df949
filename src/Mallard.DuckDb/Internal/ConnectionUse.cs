namespace Mallard.DuckDb.Internal;

/// <summary>
/// Who is using a connection: one thread at a time (re-entrant on that thread), each use a numbered busy period, and
/// whether a cancel landed during the current one. Any thread may ask or cancel.
/// </summary>
internal sealed class ConnectionUse
{
    // Who holds the connection: (busy period << 32) | managed thread id, or 0 when idle. A cancel records the
    // state it saw, so it applies to exactly that busy period, however early in it it lands.
    private long _busyState;
    private long _cancelledState;
    private int _busyPeriods;
    private int _busyDepth;

    /// <summary>True while a thread is using the connection.</summary>
    public bool IsBusy => Volatile.Read(ref _busyState) != 0;

    /// <summary>True when a cancel was recorded during the current busy period.</summary>
    public bool CancelRequested
    {
        get
        {
            var state = Volatile.Read(ref _busyState);
            return state != 0 && Volatile.Read(ref _cancelledState) == state;
        }
    }

    /// <summary>Starts (or, on the same thread, nests) a use; another thread using the connection meanwhile is refused.</summary>
    public void Enter()
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

    /// <summary>Ends the use <see cref="Enter"/> started (the outermost one makes the connection idle).</summary>
    public void Exit()
    {
        if (--_busyDepth == 0) Volatile.Write(ref _busyState, 0);
    }

    /// <summary>Remembers a cancel for the current busy period, so one that lands before DuckDB starts the query is not lost; ignored when idle.</summary>
    public void RecordCancel()
    {
        var busy = Volatile.Read(ref _busyState);
        if (busy != 0) Volatile.Write(ref _cancelledState, busy);
    }
}
