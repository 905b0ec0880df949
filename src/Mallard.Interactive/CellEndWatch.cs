using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Mallard.Interactive;

/// <summary>
/// Watches the root kernel for the end of one cell (its root command's <see cref="CommandSucceeded"/> or
/// <see cref="CommandFailed"/>), so that a stopped cell's end cannot go missing.
/// </summary>
/// <remarks>
/// When a cell is stopped, .NET Interactive ends it itself: the invocation context publishes "Command cancelled." to its
/// own events, which the composite kernel passes on to the root's while it listens. Over <c>dotnet-interactive stdio</c> on
/// a loaded machine that event was seen (about one run in 30) to be published after the composite had stopped listening:
/// its log shows the event stamped by the child kernel and never by the composite, whose events are all that the stdio
/// host writes. The front end then waits for an end that never comes. The composite listened to the context before this
/// watch did, and the context's events reach their listeners in that order, so once the context's own events carry the
/// end, an end not seen at the root was lost; the SQL kernel then publishes it again on its own events, which the
/// composite always forwards.
/// </remarks>
internal sealed class CellEndWatch : IDisposable
{
    private static readonly TimeSpan CompletionLimit = TimeSpan.FromSeconds(10);
    private readonly string _token;
    private readonly IDisposable _subscription;
    private volatile bool _ended;

    public CellEndWatch(Kernel root, KernelCommand cell)
    {
        _token = cell.GetOrCreateToken();
        _subscription = root.KernelEvents.Subscribe(e =>
        {
            if (IsEnd(e)) _ended = true;
        });
    }

    /// <summary>
    /// After a stop: waits for .NET Interactive to publish the cell's end on the context's own events (they replay what was
    /// published before), then says whether that end failed to reach the root kernel.
    /// </summary>
    public async Task<bool> WasLostAsync(KernelInvocationContext context)
    {
        var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.KernelEvents.Subscribe(e =>
        {
            if (IsEnd(e)) published.TrySetResult();
        }))
        {
            try
            {
                await published.Task.WaitAsync(CompletionLimit).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // .NET Interactive never ended the cell on this path: nothing was lost, and nothing is added.
                return false;
            }
        }
        return !_ended;
    }

    private bool IsEnd(KernelEvent e) => e is CommandSucceeded or CommandFailed && e.Command.GetOrCreateToken() == _token;

    public void Dispose() => _subscription.Dispose();
}
