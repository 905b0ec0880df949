namespace Mallard.Jupyter.Transport;

/// <summary>A peer broke the ZMTP protocol (bad greeting, mechanism, frame or size); its connection is closed.</summary>
public sealed class ZmtpProtocolException : Exception
{
    public ZmtpProtocolException(string message) : base(message) { }

    public ZmtpProtocolException(string message, Exception inner) : base(message, inner) { }

    public ZmtpProtocolException() { }
}
