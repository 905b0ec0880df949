namespace Mallard.Engine.Scripting;

/// <summary>
/// How C# cells stop when interrupted, whether or not their code looks at a token (<see cref="InterruptPoints"/> writes
/// the calls): a call to <see cref="Check"/> at the top of every loop body, before every <c>goto</c>, and at the top of every
/// method, local function, accessor and lambda body of a cell (<see cref="Going"/> in a lambda whose body is a call); and the
/// cell's own blocking calls and awaits sent to the forms here, which wake when the cell is interrupted: <c>Thread.Sleep</c>,
/// <c>Wait(...)</c> (of a task, <see cref="SemaphoreSlim"/>, <see cref="ManualResetEventSlim"/> or <see cref="CountdownEvent"/>,
/// with or without a timeout), <c>Task.WaitAll</c>, <c>Task.WaitAny</c>, <c>WaitOne(...)</c> of a wait handle,
/// <c>Monitor.Wait</c>, <c>thread.Join()</c>, <c>task.Result</c>, <c>task.GetAwaiter().GetResult()</c>, a process's
/// <c>WaitForExit</c>, a blocking collection's <c>Take()</c> and <c>GetConsumingEnumerable()</c>, a barrier's
/// <c>SignalAndWait()</c>, <c>await</c> and <c>await foreach</c>. Public because cells call it; not meant for other code.
/// </summary>
public static class CellInterrupt
{
    private static readonly AsyncLocal<(CancellationToken Token, int Home)> Running = new();

    /// <summary>The running cell's cancellation, on the cell's own flow (its awaits and tasks included).</summary>
    internal static CancellationToken Current
    {
        get => Running.Value.Token;
        set => Running.Value = (value, Environment.CurrentManagedThreadId);
    }

    /// <summary>
    /// The cancellation the waits and checks here obey: the cell's, except on a thread of its own that the cell started
    /// (<c>new Thread(...)</c>), which inherits the cell's flow but where an exception nobody catches would end the process;
    /// there they behave as the calls they replace.
    /// </summary>
    private static CancellationToken Token
    {
        get
        {
            var (token, home) = Running.Value;
            return Thread.CurrentThread.IsThreadPoolThread || Environment.CurrentManagedThreadId == home ? token : default;
        }
    }

    /// <summary>Ends the cell with <see cref="OperationCanceledException"/> when it has been interrupted.</summary>
    public static void Check()
    {
        var token = Token;
        if (token.IsCancellationRequested) throw new OperationCanceledException("The cell was interrupted.", token);
    }

    /// <summary>
    /// True, once <see cref="Check"/> has passed: a lambda whose body is a call (<c>x => Math.Sqrt(x)</c>, which may be a
    /// lambda that returns nothing) takes its check in its first argument, <c>(CellInterrupt.Going ? x : throw null!)</c>.
    /// The throw never runs; it keeps such a lambda out of expression trees, which a query provider could not translate with
    /// the check in them (the cell then compiles without it).
    /// </summary>
    public static bool Going
    {
        get
        {
            Check();
            return true;
        }
    }

    /// <summary>
    /// <paramref name="source"/> as it is, except that enumerating it ends the cell once it is interrupted (checked every 1,024
    /// items). A cell's <c>Enumerable.Range</c> and <c>Enumerable.Repeat</c> become this, so that LINQ over them, which runs in
    /// the framework's code where no other check reaches (<c>Enumerable.Range(0, int.MaxValue).Count(i => i % 7 == 0)</c>),
    /// stops too.
    /// </summary>
    public static IEnumerable<T> Checked<T>(IEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Enumerate(source, Token);

        static IEnumerable<T> Enumerate(IEnumerable<T> source, CancellationToken token)
        {
            var count = 0;
            foreach (var item in source)
            {
                if ((++count & 1023) == 0 && token.IsCancellationRequested) throw new OperationCanceledException("The cell was interrupted.", token);
                yield return item;
            }
        }
    }

    /// <summary><see cref="Thread.Sleep(int)"/>, woken by an interrupt.</summary>
    public static void Sleep(int millisecondsTimeout) => Sleep(TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="Thread.Sleep(TimeSpan)"/>, woken by an interrupt.</summary>
    public static void Sleep(TimeSpan timeout)
    {
        Check();
        if (Token.WaitHandle.WaitOne(timeout)) Check();
    }

    /// <summary>What a cell's <c>await</c> waits for, ended by an interrupt (the task itself runs on).</summary>
    public static Task Await(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var token = Token;
        return task.IsCompleted || !token.CanBeCanceled ? task : task.WaitAsync(token);
    }

    /// <summary>What a cell's <c>await</c> waits for, ended by an interrupt (the task itself runs on).</summary>
    public static Task<T> Await<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var token = Token;
        return task.IsCompleted || !token.CanBeCanceled ? task : task.WaitAsync(token);
    }

    /// <summary>What a cell's <c>await</c> waits for, ended by an interrupt (the work itself runs on).</summary>
    public static ValueTask Await(ValueTask task)
    {
        var token = Token;
        return task.IsCompleted || !token.CanBeCanceled ? task : new ValueTask(task.AsTask().WaitAsync(token));
    }

    /// <summary>What a cell's <c>await</c> waits for, ended by an interrupt (the work itself runs on).</summary>
    public static ValueTask<T> Await<T>(ValueTask<T> task)
    {
        var token = Token;
        return task.IsCompleted || !token.CanBeCanceled ? task : new ValueTask<T>(task.AsTask().WaitAsync(token));
    }

    /// <summary>Any other awaitable (<c>Task.Yield()</c>, a configured or custom awaitable), as it is: an interrupt does not end its wait.</summary>
    public static T Await<T>(T awaitable) => awaitable;

    /// <summary>
    /// What a cell's <c>await foreach</c> goes through: each step's wait ends on an interrupt (the source is asked to stop
    /// too, through its enumerator's token). An interrupted enumerator is left as it is, not disposed, since a step of it may
    /// still be pending.
    /// </summary>
    public static async IAsyncEnumerable<T> AwaitEach<T>(IAsyncEnumerable<T> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var token = Token;
        var items = source.GetAsyncEnumerator(token);
        try
        {
            while (await Await(items.MoveNextAsync()).ConfigureAwait(false)) yield return items.Current;
        }
        finally
        {
            if (!token.IsCancellationRequested) await items.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Any other source of an <c>await foreach</c> (a configured one, or one by pattern), as it is.</summary>
    public static T AwaitEach<T>(T source) => source;

    /// <summary><see cref="System.Diagnostics.Process.WaitForExit()"/>, ended by an interrupt (the process runs on).</summary>
    public static void WaitForExit(System.Diagnostics.Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        Join(process.WaitForExitAsync(Token));
    }

    /// <summary><see cref="System.Diagnostics.Process.WaitForExit(int)"/>, ended by an interrupt too.</summary>
    public static bool WaitForExit(System.Diagnostics.Process process, int millisecondsTimeout) => WaitForExit(process, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="System.Diagnostics.Process.WaitForExit(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool WaitForExit(System.Diagnostics.Process process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        Check();
        using var exited = new ManualResetEvent(false);
        process.EnableRaisingEvents = true;
        EventHandler set = (_, _) => exited.Set();
        process.Exited += set;
        try
        {
            // The event is set when the process has exited, also before the handler was added.
            return process.HasExited || WaitOne(exited, timeout) || process.HasExited;
        }
        finally
        {
            process.Exited -= set;
        }
    }

    /// <summary><see cref="System.Collections.Concurrent.BlockingCollection{T}.Take()"/>, ended by an interrupt.</summary>
    public static T Take<T>(System.Collections.Concurrent.BlockingCollection<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.Take(Token);
    }

    /// <summary><see cref="System.Collections.Concurrent.BlockingCollection{T}.GetConsumingEnumerable()"/>, ended by an interrupt.</summary>
    public static IEnumerable<T> GetConsumingEnumerable<T>(System.Collections.Concurrent.BlockingCollection<T> collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.GetConsumingEnumerable(Token);
    }

    /// <summary><see cref="Barrier.SignalAndWait()"/>, ended by an interrupt.</summary>
    public static void SignalAndWait(Barrier barrier)
    {
        ArgumentNullException.ThrowIfNull(barrier);
        barrier.SignalAndWait(Token);
    }

    // Each kind of wait has one interruptible form, with a timeout; the forms without one, or with a token of their own,
    // call it (an infinite timeout) or link the cell's token with theirs.

    /// <summary><see cref="Task.Wait()"/>, ended by an interrupt (the task itself runs on).</summary>
    public static void Wait(Task task) => Wait(task, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="Task.Wait(int)"/>, ended by an interrupt too.</summary>
    public static bool Wait(Task task, int millisecondsTimeout) => Wait(task, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="Task.Wait(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool Wait(Task task, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Wait(timeout, Token);
    }

    /// <summary><see cref="Task.Wait(CancellationToken)"/>, ended by either token.</summary>
    public static void Wait(Task task, CancellationToken cancellationToken) => WithOwn(cancellationToken, token => task.Wait(token));

    /// <summary><see cref="SemaphoreSlim.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(SemaphoreSlim semaphore) => Wait(semaphore, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="SemaphoreSlim.Wait(int)"/>, ended by an interrupt too.</summary>
    public static bool Wait(SemaphoreSlim semaphore, int millisecondsTimeout) => Wait(semaphore, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="SemaphoreSlim.Wait(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool Wait(SemaphoreSlim semaphore, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        return semaphore.Wait(timeout, Token);
    }

    /// <summary><see cref="SemaphoreSlim.Wait(CancellationToken)"/>, ended by either token.</summary>
    public static void Wait(SemaphoreSlim semaphore, CancellationToken cancellationToken) => WithOwn(cancellationToken, token => semaphore.Wait(token));

    /// <summary><see cref="ManualResetEventSlim.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(ManualResetEventSlim signal) => Wait(signal, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="ManualResetEventSlim.Wait(int)"/>, ended by an interrupt too.</summary>
    public static bool Wait(ManualResetEventSlim signal, int millisecondsTimeout) => Wait(signal, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="ManualResetEventSlim.Wait(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool Wait(ManualResetEventSlim signal, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return signal.Wait(timeout, Token);
    }

    /// <summary><see cref="ManualResetEventSlim.Wait(CancellationToken)"/>, ended by either token.</summary>
    public static void Wait(ManualResetEventSlim signal, CancellationToken cancellationToken) => WithOwn(cancellationToken, token => signal.Wait(token));

    /// <summary><see cref="CountdownEvent.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(CountdownEvent countdown) => Wait(countdown, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="CountdownEvent.Wait(int)"/>, ended by an interrupt too.</summary>
    public static bool Wait(CountdownEvent countdown, int millisecondsTimeout) => Wait(countdown, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="CountdownEvent.Wait(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool Wait(CountdownEvent countdown, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(countdown);
        return countdown.Wait(timeout, Token);
    }

    /// <summary><see cref="CountdownEvent.Wait(CancellationToken)"/>, ended by either token.</summary>
    public static void Wait(CountdownEvent countdown, CancellationToken cancellationToken) => WithOwn(cancellationToken, token => countdown.Wait(token));

    /// <summary>Runs a wait that takes a token with one that either the cell's interrupt or <paramref name="own"/> cancels.</summary>
    private static void WithOwn(CancellationToken own, Action<CancellationToken> wait)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(Token, own);
        wait(both.Token);
    }

    /// <summary>A timeout as the milliseconds the task waits take (-1 for infinite).</summary>
    private static int Milliseconds(TimeSpan timeout) => (int)Math.Clamp(timeout.TotalMilliseconds, -1, int.MaxValue);

    /// <summary><see cref="Task.WaitAll(Task[])"/>, ended by an interrupt (the tasks run on).</summary>
    public static void WaitAll(params Task[] tasks) => Task.WaitAll(tasks, Token);

    /// <summary><see cref="Task.WaitAll(Task[], int)"/>, ended by an interrupt too.</summary>
    public static bool WaitAll(Task[] tasks, int millisecondsTimeout) => Task.WaitAll(tasks, millisecondsTimeout, Token);

    /// <summary><see cref="Task.WaitAll(Task[], TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool WaitAll(Task[] tasks, TimeSpan timeout) => Task.WaitAll(tasks, Milliseconds(timeout), Token);

    /// <summary><see cref="Task.WaitAny(Task[])"/>, ended by an interrupt (the tasks run on).</summary>
    public static int WaitAny(params Task[] tasks) => Task.WaitAny(tasks, Token);

    /// <summary><see cref="Task.WaitAny(Task[], int)"/>, ended by an interrupt too.</summary>
    public static int WaitAny(Task[] tasks, int millisecondsTimeout) => Task.WaitAny(tasks, millisecondsTimeout, Token);

    /// <summary><see cref="Task.WaitAny(Task[], TimeSpan)"/>, ended by an interrupt too.</summary>
    public static int WaitAny(Task[] tasks, TimeSpan timeout) => Task.WaitAny(tasks, Milliseconds(timeout), Token);

    /// <summary><see cref="WaitHandle.WaitOne()"/> (an event, a semaphore, a mutex), ended by an interrupt.</summary>
    public static bool WaitOne(WaitHandle handle) => WaitOne(handle, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="WaitHandle.WaitOne(int)"/>, ended by an interrupt too.</summary>
    public static bool WaitOne(WaitHandle handle, int millisecondsTimeout) => WaitOne(handle, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="WaitHandle.WaitOne(TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool WaitOne(WaitHandle handle, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(handle);
        Check();
        var woken = WaitHandle.WaitAny([handle, Token.WaitHandle], timeout);
        if (woken == 1) Check();
        return woken == 0;
    }

    /// <summary>
    /// <see cref="Monitor.Wait(object)"/>, ended by an interrupt: it waits in short turns (each one gives the lock up and takes
    /// it back, as the wait itself does), so that a pulse wakes it as before and an interrupt within a turn.
    /// </summary>
    public static bool MonitorWait(object gate) => MonitorWait(gate, Timeout.InfiniteTimeSpan);

    /// <summary><see cref="Monitor.Wait(object, int)"/>, ended by an interrupt too.</summary>
    public static bool MonitorWait(object gate, int millisecondsTimeout) => MonitorWait(gate, TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="Monitor.Wait(object, TimeSpan)"/>, ended by an interrupt too.</summary>
    public static bool MonitorWait(object gate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var turn = TimeSpan.FromMilliseconds(50);
        var forever = timeout == Timeout.InfiniteTimeSpan;
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Check();
            var left = forever ? turn : timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero) return false;
            if (Monitor.Wait(gate, left < turn ? left : turn)) return true;
        }
    }

    /// <summary><see cref="Thread.Join()"/>, ended by an interrupt (the thread runs on).</summary>
    public static void Join(Thread thread)
    {
        ArgumentNullException.ThrowIfNull(thread);
        while (!thread.Join(50)) Check();
    }

    /// <summary><see cref="Task{T}.Result"/>, ended by an interrupt (the task itself runs on).</summary>
    public static T Result<T>(Task<T> task)
    {
        Wait(task);
        return task.Result;
    }

    /// <summary><c>task.GetAwaiter().GetResult()</c>, ended by an interrupt; its exception is the task's own, as there.</summary>
    public static void Join(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        WaitQuietly(task);
        task.GetAwaiter().GetResult();
    }

    /// <summary><c>task.GetAwaiter().GetResult()</c>, ended by an interrupt; its exception is the task's own, as there.</summary>
    public static T Join<T>(Task<T> task)
    {
        Join((Task)task);
        return task.Result;
    }

    /// <summary>Waits for <paramref name="task"/> to end or the cell to be interrupted, without throwing the task's error.</summary>
    private static void WaitQuietly(Task task)
    {
        var token = Token;
        try
        {
            Task.WhenAny(task, Task.Delay(Timeout.Infinite, token)).GetAwaiter().GetResult();
        }
        finally
        {
            Check();
        }
    }
}
