using Mallard.Jupyter.Protocol;

namespace Mallard.Jupyter.Kernel;

/// <summary>A request being handled: the message, the channel it came on, and how to answer it.</summary>
internal sealed class KernelRequest
{
    private readonly Func<KernelRequest, string, byte[], Task> _reply;

    public KernelRequest(JupyterMessage message, KernelChannel channel, Func<KernelRequest, string, byte[], Task> reply)
    {
        Message = message;
        Channel = channel;
        _reply = reply;
    }

    public JupyterMessage Message { get; }

    public KernelChannel Channel { get; }

    /// <summary>Whether a reply was sent.</summary>
    public bool Replied { get; private set; }

    /// <summary>The reply's type: <c>x_request</c> answers with <c>x_reply</c>.</summary>
    public string ReplyType => Message.MsgType.EndsWith("_request", StringComparison.Ordinal)
        ? Message.MsgType[..^"_request".Length] + "_reply"
        : Message.MsgType + "_reply";

    /// <summary>Sends the reply (to the requester, parent = the request).</summary>
    public Task ReplyAsync(byte[] content)
    {
        Replied = true;
        return _reply(this, ReplyType, content);
    }
}
