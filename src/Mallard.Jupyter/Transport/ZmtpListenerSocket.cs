using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Mallard.Jupyter.Logging;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// A bound ZMTP socket: accepts any number of peers on one TCP endpoint, handshakes each, and serves
/// each connection on its own task. A peer that breaks the protocol or vanishes is logged and dropped;
/// the others carry on.
/// </summary>
internal abstract class ZmtpListenerSocket : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ZmtpConnection, byte> _connections = new();
    private Task? _acceptLoop;

    protected ZmtpListenerSocket(string name, string socketType, IPEndPoint endpoint, ZmtpLimits limits, KernelLog log)
    {
        Name = name;
        SocketType = socketType;
        Limits = limits;
        Log = log;
        _listener = new TcpListener(endpoint);
    }

    /// <summary>The channel's name for logs (shell, iopub...).</summary>
    public string Name { get; }

    /// <summary>Our ZMTP socket type.</summary>
    public string SocketType { get; }

    protected ZmtpLimits Limits { get; }

    protected KernelLog Log { get; }

    protected CancellationToken Stopping => _stop.Token;

    /// <summary>The bound port (useful when bound to port 0).</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Binds and starts accepting.</summary>
    public void Start()
    {
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.Warning($"{Name}: accept failed: {e.Message}");
                continue;
            }
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        ZmtpConnection? connection = null;
        try
        {
            connection = await ZmtpConnection.AcceptAsync(socket, SocketType, Limits, _stop.Token);
            _connections[connection] = 0;
            Log.Info($"{Name}: {connection.PeerSocketType} peer connected from {connection.RemoteEndPoint} (ZMTP 3.{connection.PeerMinorVersion}).");
            await ServeConnectionAsync(connection, _stop.Token);
            Log.Info($"{Name}: peer {connection.RemoteEndPoint} disconnected.");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is ZmtpProtocolException or IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Log.Warning($"{Name}: dropped peer {connection?.RemoteEndPoint ?? socket.RemoteEndPoint?.ToString()}: {e.Message}");
        }
        catch (Exception e)
        {
            Log.Error($"{Name}: unexpected failure serving a peer", e);
        }
        finally
        {
            if (connection is not null)
            {
                _connections.TryRemove(connection, out _);
                OnDisconnected(connection);
                await connection.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Serves one handshaken connection until the peer leaves or the socket stops.</summary>
    protected abstract Task ServeConnectionAsync(ZmtpConnection connection, CancellationToken cancellationToken);

    /// <summary>Forgets a connection that ended.</summary>
    protected virtual void OnDisconnected(ZmtpConnection connection)
    {
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync();
        _listener.Stop();
        if (_acceptLoop is not null) await _acceptLoop;
        foreach (var connection in _connections.Keys) await connection.DisposeAsync();
        _stop.Dispose();
    }
}
