using System.Text.Json;

namespace Mallard.Jupyter.Protocol;

/// <summary>A received, verified Jupyter message: the routing prefix, the raw parts as received, and the parsed header and content.</summary>
internal sealed class JupyterMessage : IDisposable
{
    private readonly JsonDocument _content;

    public JupyterMessage(IReadOnlyList<byte[]> identities, MessageHeader header, byte[] headerBytes, byte[] parentBytes,
        byte[] metadataBytes, byte[] contentBytes, JsonDocument content, IReadOnlyList<byte[]> buffers)
    {
        Identities = identities;
        Header = header;
        HeaderBytes = headerBytes;
        ParentBytes = parentBytes;
        MetadataBytes = metadataBytes;
        ContentBytes = contentBytes;
        _content = content;
        Buffers = buffers;
    }

    /// <summary>The frames before the delimiter: where replies go.</summary>
    public IReadOnlyList<byte[]> Identities { get; }

    public MessageHeader Header { get; }

    /// <summary>The header exactly as received: it becomes the parent header of every message this one causes.</summary>
    public byte[] HeaderBytes { get; }

    public byte[] ParentBytes { get; }

    public byte[] MetadataBytes { get; }

    public byte[] ContentBytes { get; }

    /// <summary>The content, a JSON object.</summary>
    public JsonElement Content => _content.RootElement;

    public IReadOnlyList<byte[]> Buffers { get; }

    public string MsgType => Header.MsgType;

    /// <summary>A string field of the content, or <paramref name="fallback"/>.</summary>
    public string GetString(string name, string fallback = "")
        => Content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? fallback : fallback;

    /// <summary>A boolean field of the content, or <paramref name="fallback"/>.</summary>
    public bool GetBool(string name, bool fallback)
        => Content.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : fallback;

    /// <summary>An integer field of the content, or <paramref name="fallback"/>.</summary>
    public int GetInt(string name, int fallback)
        => Content.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : fallback;

    public void Dispose() => _content.Dispose();
}
