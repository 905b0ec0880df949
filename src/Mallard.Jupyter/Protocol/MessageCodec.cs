using System.Text.Json;

namespace Mallard.Jupyter.Protocol;

/// <summary>
/// Turns ZMTP frames into verified Jupyter messages and back:
/// <c>[ids…] "&lt;IDS|MSG&gt;" signature header parent_header metadata content [buffers…]</c>.
/// </summary>
internal sealed class MessageCodec
{
    /// <summary>The delimiter between the routing prefix and the message.</summary>
    public static ReadOnlySpan<byte> Delimiter => "<IDS|MSG>"u8;

    private static readonly byte[] DelimiterBytes = "<IDS|MSG>"u8.ToArray();
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly MessageSigner _signer;
    private readonly ReplayCache _replays;

    public MessageCodec(string key, string session, string username)
    {
        _signer = new MessageSigner(key);
        _replays = new ReplayCache();
        Session = session;
        Username = username;
    }

    /// <summary>The kernel's session id, put in every header it sends.</summary>
    public string Session { get; }

    public string Username { get; }

    /// <summary>Verifies and parses a message; throws <see cref="MessageRejectedException"/> saying why it is refused.</summary>
    public JupyterMessage Decode(IReadOnlyList<byte[]> frames)
    {
        var at = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                at = i;
                break;
            }
        }
        if (at < 0) throw new MessageRejectedException("no <IDS|MSG> delimiter");
        if (frames.Count - at - 1 < 5) throw new MessageRejectedException($"only {frames.Count - at - 1} frames after the delimiter; 5 are needed");
        var signature = frames[at + 1];
        var header = frames[at + 2];
        var parent = frames[at + 3];
        var metadata = frames[at + 4];
        var content = frames[at + 5];
        if (_signer.Enabled)
        {
            if (signature.Length == 0) throw new MessageRejectedException("the message is not signed");
            if (!_signer.Verify(signature, header, parent, metadata, content)) throw new MessageRejectedException("bad signature");
            if (!_replays.TryAdd(signature)) throw new MessageRejectedException("replayed signature");
        }
        var parsedHeader = MessageHeader.Parse(header);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new MessageRejectedException("the content is not JSON: " + e.Message);
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new MessageRejectedException("the content is not a JSON object");
        }
        var identities = frames.Take(at).ToArray();
        var buffers = frames.Skip(at + 6).ToArray();
        return new JupyterMessage(identities, parsedHeader, header, parent, metadata, content, document, buffers);
    }

    /// <summary>Frames for a new message of <paramref name="msgType"/> to <paramref name="identities"/>, caused by the message whose header was <paramref name="parentHeader"/>.</summary>
    public ReadOnlyMemory<byte>[] Encode(IReadOnlyList<byte[]> identities, string msgType, byte[]? parentHeader, byte[] content, byte[]? metadata = null)
    {
        var header = MessageHeader.Create(msgType, Session, Username).ToJsonBytes();
        var parent = parentHeader ?? EmptyObject;
        var meta = metadata ?? EmptyObject;
        var frames = new ReadOnlyMemory<byte>[identities.Count + 6];
        for (var i = 0; i < identities.Count; i++) frames[i] = identities[i];
        var at = identities.Count;
        frames[at] = DelimiterBytes;
        frames[at + 1] = _signer.Sign(header, parent, meta, content);
        frames[at + 2] = header;
        frames[at + 3] = parent;
        frames[at + 4] = meta;
        frames[at + 5] = content;
        return frames;
    }
}
