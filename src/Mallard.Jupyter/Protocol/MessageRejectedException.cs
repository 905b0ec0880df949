namespace Mallard.Jupyter.Protocol;

/// <summary>An incoming message that is dropped unread: bad or missing signature, replay, malformed frames or JSON.</summary>
public sealed class MessageRejectedException : Exception
{
    public MessageRejectedException(string message) : base(message) { }

    public MessageRejectedException(string message, Exception inner) : base(message, inner) { }

    public MessageRejectedException() { }
}
