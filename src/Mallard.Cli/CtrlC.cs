namespace Mallard.Cli;

/// <summary>
/// While it lives, Ctrl-C does <see cref="CtrlC(Action)"/>'s action instead of ending the process (the command then ends
/// itself, saying what was kept); disposing it gives Ctrl-C back.
/// </summary>
internal sealed class CtrlC : IDisposable
{
    private readonly ConsoleCancelEventHandler _handler;
    private readonly CancellationTokenSource? _cancellation;

    /// <summary>Ctrl-C cancels <see cref="Token"/>.</summary>
    public CtrlC()
        : this(new CancellationTokenSource())
    {
    }

    /// <summary>Ctrl-C calls <paramref name="onCtrlC"/> (interrupting a session, say).</summary>
    public CtrlC(Action onCtrlC)
    {
        ArgumentNullException.ThrowIfNull(onCtrlC);
        _handler = (_, e) =>
        {
            e.Cancel = true;
            onCtrlC();
        };
        Console.CancelKeyPress += _handler;
    }

    private CtrlC(CancellationTokenSource cancellation)
        : this(cancellation.Cancel) => _cancellation = cancellation;

    /// <summary>Cancelled by Ctrl-C (none when built with an action).</summary>
    public CancellationToken Token => _cancellation?.Token ?? CancellationToken.None;

    public void Dispose()
    {
        Console.CancelKeyPress -= _handler;
        _cancellation?.Dispose();
    }
}
