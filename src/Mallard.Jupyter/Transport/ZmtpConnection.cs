using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// One accepted ZMTP 3.1 connection with the NULL mechanism: sends its whole greeting and READY at
/// once (libzmq waits for the peer's signature before finishing its own), then reads whole messages.
/// One reader at a time; sends from any thread are serialised.
/// </summary>
internal sealed class ZmtpConnection : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly ZmtpLimits _limits;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private int _disposed;

    private ZmtpConnection(Socket socket, ZmtpLimits limits)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _limits = limits;
        RemoteEndPoint = socket.RemoteEndPoint?.ToString() ?? "?";
    }

    /// <summary>The peer's address, for logs.</summary>
    public string RemoteEndPoint { get; }

    /// <summary>The peer's Socket-Type from its READY.</summary>
    public string PeerSocketType { get; private set; } = "";

    /// <summary>The peer's Identity from its READY (empty when it sent none).</summary>
    public byte[] PeerIdentity { get; private set; } = [];

    /// <summary>The minor version of ZMTP 3 the peer greeted with.</summary>
    public int PeerMinorVersion { get; private set; }

    /// <summary>Commands other than PING (answered here), e.g. SUBSCRIBE and CANCEL from a ZMTP 3.1 SUB.</summary>
    public Action<ZmtpCommand>? CommandReceived { get; set; }

    /// <summary>Greets and handshakes as <paramref name="localType"/>; closes the socket and throws when the peer does not fit.</summary>
    public static async Task<ZmtpConnection> AcceptAsync(Socket socket, string localType, ZmtpLimits limits, CancellationToken cancellationToken)
    {
        var connection = new ZmtpConnection(socket, limits);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(limits.HandshakeTimeout);
            try
            {
                await connection.HandshakeAsync(localType, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ZmtpProtocolException($"The peer did not complete the ZMTP handshake within {limits.HandshakeTimeout.TotalSeconds:0} s.");
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task HandshakeAsync(string localType, CancellationToken cancellationToken)
    {
        var greeting = ZmtpCodec.Greeting();
        var ready = ZmtpCodec.Ready(localType);
        var hello = new byte[greeting.Length + ready.Length];
        greeting.CopyTo(hello, 0);
        ready.CopyTo(hello, greeting.Length);
        await _stream.WriteAsync(hello, cancellationToken);

        var peerGreeting = new byte[ZmtpCodec.GreetingSize];
        if (!await ReadExactAsync(peerGreeting, cancellationToken))
            throw new ZmtpProtocolException("The peer closed the connection during the greeting.");
        PeerMinorVersion = ZmtpCodec.ValidateGreeting(peerGreeting);

        var frame = await ReadFrameAsync(cancellationToken)
            ?? throw new ZmtpProtocolException("The peer closed the connection before READY.");
        if (!frame.Command) throw new ZmtpProtocolException("The peer sent a message before READY.");
        var command = ZmtpCodec.ParseCommand(frame.Body);
        if (command.Name == "ERROR")
            throw new ZmtpProtocolException("The peer refused the handshake: " + Encoding.ASCII.GetString(command.Data.AsSpan(Math.Min(1, command.Data.Length))));
        if (command.Name != "READY") throw new ZmtpProtocolException($"The peer sent {command.Name} instead of READY.");
        var properties = ZmtpCodec.ParseProperties(command.Data);
        PeerSocketType = properties.TryGetValue("Socket-Type", out var type) ? Encoding.ASCII.GetString(type) : "";
        PeerIdentity = properties.TryGetValue("Identity", out var identity) ? identity : [];
        if (!ZmtpSocketType.IsCompatible(localType, PeerSocketType))
        {
            await _stream.WriteAsync(ZmtpCodec.Error("Invalid socket type"), cancellationToken);
            throw new ZmtpProtocolException($"A {PeerSocketType} socket cannot talk to a {localType} socket.");
        }
    }

    /// <summary>Reads the next whole message; null when the peer closed the connection between messages.</summary>
    public async Task<List<byte[]>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        List<byte[]>? frames = null;
        long total = 0;
        while (true)
        {
            var frame = await ReadFrameAsync(cancellationToken);
            if (frame is null)
            {
                if (frames is null) return null;
                throw new IOException("The peer closed the connection in the middle of a message.");
            }
            if (frame.Command)
            {
                if (frames is not null) throw new ZmtpProtocolException("A command frame arrived in the middle of a message.");
                await HandleCommandAsync(ZmtpCodec.ParseCommand(frame.Body), cancellationToken);
                continue;
            }
            frames ??= [];
            total += frame.Body.Length;
            frames.Add(frame.Body);
            if (frames.Count > _limits.MaxFrames)
                throw new ZmtpProtocolException($"A message has more than {_limits.MaxFrames} frames.");
            if (total > _limits.MaxMessageSize)
                throw new ZmtpProtocolException($"A message is larger than the limit of {_limits.MaxMessageSize} bytes.");
            if (!frame.More) return frames;
        }
    }

    private async Task HandleCommandAsync(ZmtpCommand command, CancellationToken cancellationToken)
    {
        if (command.Name == "PING")
        {
            // Body: 2-byte TTL, then up to 16 bytes of context that PONG echoes.
            var context = command.Data.Length > 2 ? command.Data.AsSpan(2, Math.Min(16, command.Data.Length - 2)).ToArray() : [];
            await SendRawAsync(ZmtpCodec.Command("PONG", context), cancellationToken);
            return;
        }
        CommandReceived?.Invoke(command);
    }

    /// <summary>Sends one message (every frame but the last with MORE).</summary>
    public ValueTask SendAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken)
        => SendRawAsync(ZmtpCodec.Message(frames), cancellationToken);

    private async ValueTask SendRawAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed record Frame(bool More, bool Command, byte[] Body);

    private async Task<Frame?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(2, cancellationToken, atBoundary: true)) return null;
        var flags = _buffer[_start];
        if ((flags & 0xF8) != 0) throw new ZmtpProtocolException($"A frame has reserved flag bits set (0x{flags:X2}).");
        long length;
        if ((flags & ZmtpCodec.FlagLong) != 0)
        {
            await FillAsync(9, cancellationToken, atBoundary: false);
            var raw = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_start + 1, 8));
            if (raw > (ulong)_limits.MaxMessageSize)
                throw new ZmtpProtocolException($"A frame of {raw} bytes is larger than the limit of {_limits.MaxMessageSize} bytes.");
            length = (long)raw;
            _start += 9;
        }
        else
        {
            length = _buffer[_start + 1];
            _start += 2;
        }
        var body = length == 0 ? [] : new byte[length];
        if (length > 0 && !await ReadExactAsync(body, cancellationToken))
            throw new IOException("The peer closed the connection in the middle of a frame.");
        return new Frame((flags & ZmtpCodec.FlagMore) != 0, (flags & ZmtpCodec.FlagCommand) != 0, body);
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available in the buffer; false on a clean close before any byte.</summary>
    private async Task<bool> FillAsync(int count, CancellationToken cancellationToken, bool atBoundary)
    {
        if (_end - _start >= count) return true;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end < count)
        {
            var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                if (atBoundary && _end == 0) return false;
                throw new IOException("The peer closed the connection in the middle of a frame.");
            }
            _end += read;
        }
        return true;
    }

    private async Task<bool> ReadExactAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, buffered).CopyTo(destination);
        _start += buffered;
        var at = buffered;
        while (at < destination.Length)
        {
            if (destination.Length - at >= BufferSize / 2)
            {
                var direct = await _stream.ReadAsync(destination[at..], cancellationToken);
                if (direct == 0) return false;
                at += direct;
                continue;
            }
            _start = 0;
            _end = await _stream.ReadAsync(_buffer, cancellationToken);
            if (_end == 0) return false;
            var take = Math.Min(_end, destination.Length - at);
            _buffer.AsMemory(0, take).CopyTo(destination[at..]);
            _start = take;
            at += take;
        }
        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }
        await _stream.DisposeAsync();
    }
}
