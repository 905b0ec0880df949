namespace Mallard.DuckDb.Reading;

/// <summary>
/// Work a reading thread hands to a pool thread and may end up doing itself: whichever thread claims it first runs it. The
/// reading thread calls <see cref="Finish"/>, which runs the work there if no pool thread has started it (so a busy pool costs
/// the hand-over and nothing more), else waits for it, and reports its failure.
/// </summary>
internal abstract class PoolWork : IThreadPoolWorkItem
{
    private readonly ManualResetEventSlim _done = new();
    private int _claimed;
    private Exception? _error;

    /// <summary>Queues the work on the pool.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    public void Execute() => TryRun();

    /// <summary>Runs the work here if the pool has not started it, else waits for it; then rethrows its failure, if asked.</summary>
    public void Finish(bool rethrow = true)
    {
        TryRun();
        _done.Wait();
        _done.Dispose();
        if (rethrow && _error is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_error);
    }

    /// <summary>The work itself, on whichever thread claimed it.</summary>
    protected abstract void Run();

    /// <summary>Called on that thread when <see cref="Run"/> fails, before <see cref="Finish"/> returns.</summary>
    protected virtual void Failed()
    {
    }

    private void TryRun()
    {
        if (Interlocked.Exchange(ref _claimed, 1) != 0) return;
        try
        {
            Run();
        }
        catch (Exception e)
        {
            _error = e;
            Failed();
        }
        finally
        {
            _done.Set();
        }
    }
}
