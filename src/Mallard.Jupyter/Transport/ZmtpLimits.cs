namespace Mallard.Jupyter.Transport;

/// <summary>Bounds that keep a misbehaving peer from exhausting the kernel.</summary>
internal sealed record ZmtpLimits
{
    /// <summary>The defaults: 256 MiB per message, 10 seconds to complete the handshake.</summary>
    public static ZmtpLimits Default { get; } = new();

    /// <summary>The largest message (sum of its frames) accepted; a larger one closes the connection.</summary>
    public long MaxMessageSize { get; init; } = 256L * 1024 * 1024;

    /// <summary>The most frames in one message.</summary>
    public int MaxFrames { get; init; } = 4096;

    /// <summary>How long a peer has to send its greeting and READY.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
