using System.Diagnostics;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace Mallard.Interactive;

/// <summary>
/// Watches the root kernel for the end of one cell (its root command's <see cref="CommandSucceeded"/> or
/// <see cref="CommandFailed"/>), so that a stopped cell's end cannot go missing.
/// </summary>
/// <remarks>
/// When a cell is stopped, .NET Interactive ends it itself: the invocation context publishes "Command cancelled." and then
/// counts as complete. Over <c>dotnet-interactive stdio</c> on a loaded machine that event was seen (about one run in 30) to
/// be published after the composite kernel had stopped listening to the context: its log shows the event stamped by the
/// child kernel and never by the composite, whose events are all that the stdio host writes. The front end then waits for
/// an end that never comes. The event reaches the root synchronously when it reaches it at all, so once the context is
/// complete an end not seen here was lost, and the SQL kernel publishes it again on its own events, which the composite
/// always forwards.
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
            if (e is CommandSucceeded or CommandFailed && e.Command.GetOrCreateToken() == _token) _ended = true;
        });
    }

    /// <summary>
    /// After a stop: waits for .NET Interactive to complete the cell's context (it publishes the end just before), then
    /// says whether that end failed to reach the root kernel.
    /// </summary>
    public async Task<bool> WasLostAsync(KernelInvocationContext context)
    {
        // The context completes within microseconds of the cancellation that stopped the query; this waits out the gap.
        var waited = Stopwatch.StartNew();
        while (!context.IsComplete && waited.Elapsed < CompletionLimit) await Task.Delay(5).ConfigureAwait(false);
        return context.IsComplete && !_ended;
    }

    public void Dispose() => _subscription.Dispose();
}
