using System.Text;
using System.Threading.Channels;
using Mallard.Jupyter.Logging;
using Mallard.Jupyter.Protocol;
using Mallard.Jupyter.Transport;

namespace Mallard.Jupyter.Kernel;

/// <summary>
/// Publishes on IOPub in one order for everyone: callers on any thread (the shell loop, control,
/// a running cell) enqueue, one writer sends. Topics are <c>kernel.&lt;session&gt;.&lt;msg_type&gt;</c>.
/// </summary>
internal sealed class IopubPublisher
{
    private readonly PubSocket _socket;
    private readonly MessageCodec _codec;
    private readonly KernelLog _log;
    private readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private byte[]? _muted;

    public IopubPublisher(PubSocket socket, MessageCodec codec, KernelLog log)
    {
        _socket = socket;
        _codec = codec;
        _log = log;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues a message of <paramref name="msgType"/> caused by the message whose header is <paramref name="parentHeader"/>.</summary>
    public void Publish(string msgType, byte[]? parentHeader, byte[] content, byte[]? metadata = null)
    {
        var topic = Encoding.ASCII.GetBytes($"kernel.{_codec.Session}.{msgType}");
        var frames = _codec.Encode([topic], msgType, parentHeader, content, metadata);
        if (parentHeader is not null && ReferenceEquals(parentHeader, Volatile.Read(ref _muted))) return;
        _queue.Writer.TryWrite(new Outgoing(frames, null));
    }

    /// <summary>
    /// Completes once everything published before the call has been sent, the publisher has stopped, or
    /// <see cref="FlushLimit"/> has passed (a subscriber that stopped reading holds up IOPub, not the shell channel). A reply
    /// waits for it, so that what a request published reaches IOPub before its reply reaches the client, as front ends such as
    /// <c>jupyter console</c> expect: they print a cell's outputs that have arrived when its reply comes, then the next prompt.
    /// </summary>
    public async Task FlushAsync()
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Outgoing(null, sent))) return;
        await sent.Task.WaitAsync(FlushLimit).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The longest a reply waits for IOPub to send what came before it.</summary>
    internal static TimeSpan FlushLimit { get; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Drops, once made, every message caused by the message whose header is <paramref name="parentHeader"/> (the kernel's
    /// own rehearsal of a request); null publishes everything again.
    /// </summary>
    public void Mute(byte[]? parentHeader) => Volatile.Write(ref _muted, parentHeader);

    /// <summary>Publishes a <c>status</c> message.</summary>
    public void Status(string state, byte[]? parentHeader)
        => Publish("status", parentHeader, JsonContent.Object(w => w.WriteString("execution_state", state)));

    /// <summary>Sends what is queued, then stops.</summary>
    public async Task FlushAndStopAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var outgoing))
            {
                if (outgoing.Frames is not { } frames)
                {
                    outgoing.Sent!.TrySetResult();
                    continue;
                }
                try
                {
                    await _socket.PublishAsync(frames);
                }
                catch (Exception e)
                {
                    _log.Error("iopub: publishing failed", e);
                }
            }
        }
        // Stopped: nothing waits for a flush that will not come.
        while (reader.TryRead(out var left)) left.Sent?.TrySetResult();
    }

    /// <summary>A message to send, or a flush marker completed when the writer reaches it.</summary>
    private readonly record struct Outgoing(ReadOnlyMemory<byte>[]? Frames, TaskCompletionSource? Sent);
}
