namespace Mallard.Engine.Scripting;

/// <summary>
/// How C# cells stop when interrupted, whether or not their code looks at a token: the engine puts a call to
/// <see cref="Check"/> at the top of every loop body and every method, local function, accessor and lambda body of a cell,
/// and sends the cell's own <c>Thread.Sleep</c> and <c>Task.Wait()</c> calls to <see cref="Sleep(int)"/> and
/// <see cref="Wait(Task)"/>, which wake when the cell is interrupted. Public because cells call it; not meant for other code.
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
    public static void Sleep(int millisecondsTimeout)
    {
        Check();
        if (Running.Value.WaitHandle.WaitOne(millisecondsTimeout)) Check();
    }

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
}
