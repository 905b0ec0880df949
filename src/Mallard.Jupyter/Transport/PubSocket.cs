using System.Collections.Concurrent;
using System.Net;
using Mallard.Jupyter.Logging;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// A PUB: sends each published message to every peer subscribed to a prefix of its first frame.
/// Subscriptions arrive either as ZMTP 3.0 data frames (<c>0x01</c>/<c>0x00</c> + topic) or as ZMTP 3.1
/// SUBSCRIBE/CANCEL commands; both are accepted whatever the peer greeted with.
/// </summary>
internal sealed class PubSocket : ZmtpListenerSocket
{
    private readonly ConcurrentDictionary<ZmtpConnection, Subscriptions> _peers = new();

    public PubSocket(string name, IPEndPoint endpoint, ZmtpLimits limits, KernelLog log)
        : base(name, ZmtpSocketType.Pub, endpoint, limits, log)
    {
    }

    /// <summary>How many peers are subscribed to anything (for tests and logs).</summary>
    public int SubscriberCount => _peers.Values.Count(s => s.Any);

    protected override async Task ServeConnectionAsync(ZmtpConnection connection, CancellationToken cancellationToken)
    {
        var subscriptions = new Subscriptions();
        connection.CommandReceived = command =>
        {
            if (command.Name == "SUBSCRIBE") subscriptions.Add(command.Data);
            else if (command.Name == "CANCEL") subscriptions.Remove(command.Data);
        };
        _peers[connection] = subscriptions;
        while (await connection.ReceiveAsync(cancellationToken) is { } frames)
        {
            var first = frames[0];
            if (first.Length == 0) continue;
            if (first[0] == 1) subscriptions.Add(first.AsSpan(1).ToArray());
            else if (first[0] == 0) subscriptions.Remove(first.AsSpan(1).ToArray());
        }
    }

    protected override void OnDisconnected(ZmtpConnection connection) => _peers.TryRemove(connection, out _);

    /// <summary>Sends a message to every matching subscriber; a failing subscriber is logged and skipped.</summary>
    public async Task PublishAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken = default)
    {
        var topic = frames[0];
        foreach (var (connection, subscriptions) in _peers)
        {
            if (!subscriptions.Matches(topic.Span)) continue;
            try
            {
                await connection.SendAsync(frames, cancellationToken);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                Log.Warning($"{Name}: publishing to {connection.RemoteEndPoint} failed: {e.Message}");
            }
        }
    }

    /// <summary>One peer's topic prefixes (a topic may be subscribed more than once).</summary>
    private sealed class Subscriptions
    {
        private readonly Lock _lock = new();
        private readonly List<byte[]> _topics = [];

        public bool Any
        {
            get
            {
                lock (_lock) return _topics.Count > 0;
            }
        }

        public void Add(byte[] topic)
        {
            lock (_lock) _topics.Add(topic);
        }

        public void Remove(byte[] topic)
        {
            lock (_lock)
            {
                var at = _topics.FindIndex(t => t.AsSpan().SequenceEqual(topic));
                if (at >= 0) _topics.RemoveAt(at);
            }
        }

        public bool Matches(ReadOnlySpan<byte> topic)
        {
            lock (_lock)
            {
                foreach (var prefix in _topics)
                {
                    if (topic.StartsWith(prefix)) return true;
                }
                return false;
            }
        }
    }
}
