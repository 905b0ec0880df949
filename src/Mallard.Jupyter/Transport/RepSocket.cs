using System.Net;
using Mallard.Jupyter.Logging;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// The heartbeat's REP: echoes every message, envelope included, on the connection it came from.
/// A REQ peer sends an empty delimiter frame before the body; echoing the whole message keeps it.
/// </summary>
internal sealed class RepSocket : ZmtpListenerSocket
{
    public RepSocket(string name, IPEndPoint endpoint, ZmtpLimits limits, KernelLog log)
        : base(name, ZmtpSocketType.Rep, endpoint, limits, log)
    {
    }

    protected override async Task ServeConnectionAsync(ZmtpConnection connection, CancellationToken cancellationToken)
    {
        while (await connection.ReceiveAsync(cancellationToken) is { } frames)
        {
            var echo = new ReadOnlyMemory<byte>[frames.Count];
            for (var i = 0; i < frames.Count; i++) echo[i] = frames[i];
            await connection.SendAsync(echo, cancellationToken);
        }
    }
}
