namespace Mallard.Engine.Scripting;

/// <summary>
/// How C# cells stop when interrupted, whether or not their code looks at a token: the engine puts a call to
/// <see cref="Check"/> at the top of every loop body and every method, local function, accessor and lambda body of a cell,
/// and sends the cell's own <c>Thread.Sleep</c>, <c>Wait()</c> (of a task, <see cref="SemaphoreSlim"/>,
/// <see cref="ManualResetEventSlim"/> or <see cref="CountdownEvent"/>), <c>task.Result</c> and <c>task.GetAwaiter().GetResult()</c>
/// to <see cref="Sleep(int)"/>, <see cref="Wait(Task)"/>, <see cref="Result{T}(Task{T})"/> and <see cref="Join(Task)"/>, which
/// wake when the cell is interrupted. Public because cells call it; not meant for other code.
/// </summary>
public static class CellInterrupt
{
    private static readonly AsyncLocal<CancellationToken> Running = new();

    /// <summary>The running cell's cancellation, on the cell's own flow (threads the cell starts itself do not see it).</summary>
    internal static CancellationToken Current
    {
        get => Running.Value;
        set => Running.Value = value;
    }

    /// <summary>Ends the cell with <see cref="OperationCanceledException"/> when it has been interrupted.</summary>
    public static void Check()
    {
        var token = Running.Value;
        if (token.IsCancellationRequested) throw new OperationCanceledException("The cell was interrupted.", token);
    }

    /// <summary><see cref="Thread.Sleep(int)"/>, woken by an interrupt.</summary>
    public static void Sleep(int millisecondsTimeout) => Sleep(TimeSpan.FromMilliseconds(millisecondsTimeout));

    /// <summary><see cref="Thread.Sleep(TimeSpan)"/>, woken by an interrupt.</summary>
    public static void Sleep(TimeSpan timeout)
    {
        Check();
        if (Running.Value.WaitHandle.WaitOne(timeout)) Check();
    }

    /// <summary><see cref="Task.Wait()"/>, ended by an interrupt (the task itself runs on).</summary>
    public static void Wait(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.Wait(Running.Value);
    }

    /// <summary><see cref="SemaphoreSlim.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(SemaphoreSlim semaphore)
    {
        ArgumentNullException.ThrowIfNull(semaphore);
        semaphore.Wait(Running.Value);
    }

    /// <summary><see cref="ManualResetEventSlim.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(ManualResetEventSlim signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        signal.Wait(Running.Value);
    }

    /// <summary><see cref="CountdownEvent.Wait()"/>, ended by an interrupt.</summary>
    public static void Wait(CountdownEvent countdown)
    {
        ArgumentNullException.ThrowIfNull(countdown);
        countdown.Wait(Running.Value);
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
        var token = Running.Value;
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
