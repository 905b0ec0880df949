using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Mallard.Jupyter.Logging;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// A ROUTER: every received message arrives prefixed with its peer's routing id (the peer's Identity,
/// else a generated one); a sent message's first frame picks the peer. When two peers claim the same
/// identity the latest wins, so a client that reconnects is served at once.
/// </summary>
internal sealed class RouterSocket : ZmtpListenerSocket
{
    private readonly Channel<List<byte[]>> _inbox = Channel.CreateUnbounded<List<byte[]>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, ZmtpConnection> _routes = new(StringComparer.Ordinal);
    private uint _nextId = (uint)Random.Shared.Next();

    public RouterSocket(string name, IPEndPoint endpoint, ZmtpLimits limits, KernelLog log)
        : base(name, ZmtpSocketType.Router, endpoint, limits, log)
    {
    }

    /// <summary>Received messages, each as [routing id, frames...].</summary>
    public ChannelReader<List<byte[]>> Messages => _inbox.Reader;

    protected override async Task ServeConnectionAsync(ZmtpConnection connection, CancellationToken cancellationToken)
    {
        var id = connection.PeerIdentity;
        if (id.Length == 0)
        {
            id = new byte[5];
            BinaryPrimitives.WriteUInt32BigEndian(id.AsSpan(1), Interlocked.Increment(ref _nextId));
        }
        var key = Convert.ToHexString(id);
        _routes[key] = connection;
        try
        {
            while (await connection.ReceiveAsync(cancellationToken) is { } frames)
            {
                frames.Insert(0, id);
                _inbox.Writer.TryWrite(frames);
            }
        }
        finally
        {
            _routes.TryRemove(new KeyValuePair<string, ZmtpConnection>(key, connection));
        }
    }

    /// <summary>Sends <paramref name="frames"/>[1..] to the peer named by <paramref name="frames"/>[0]; false when no such peer is connected.</summary>
    public async ValueTask<bool> SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken = default)
    {
        if (frames.Count < 2) throw new ArgumentException("A ROUTER message needs a routing id and at least one frame.", nameof(frames));
        if (!_routes.TryGetValue(Convert.ToHexString(frames[0].Span), out var connection))
        {
            Log.Warning($"{Name}: no peer with routing id {Convert.ToHexString(frames[0].Span)}; message dropped.");
            return false;
        }
        try
        {
            await connection.SendAsync(new ArraySegmentList(frames, 1), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            Log.Warning($"{Name}: sending to {connection.RemoteEndPoint} failed: {e.Message}");
            return false;
        }
    }
}
