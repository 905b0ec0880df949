using System.Globalization;
using System.Text.Json;

namespace Mallard.Jupyter.Protocol;

/// <summary>A Jupyter message header (protocol 5.3).</summary>
/// <param name="MsgId">Unique per message.</param>
/// <param name="Session">The sender's session id.</param>
/// <param name="Username">The sender's user name.</param>
/// <param name="Date">ISO 8601 UTC with six fractional digits, as jupyter_client parses.</param>
/// <param name="MsgType">The message type, e.g. <c>execute_request</c>.</param>
/// <param name="Version">The protocol version, "5.3" for the kernel's messages.</param>
public sealed record MessageHeader(string MsgId, string Session, string Username, string Date, string MsgType, string Version)
{
    /// <summary>The protocol version the kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>Formats a time as Jupyter dates are written: UTC, microseconds, trailing Z.</summary>
    public static string FormatDate(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>A new header for a message the kernel sends.</summary>
    public static MessageHeader Create(string msgType, string session, string username)
        => new(Guid.NewGuid().ToString("N"), session, username, FormatDate(DateTimeOffset.UtcNow), msgType, ProtocolVersion);

    /// <summary>The header as UTF-8 JSON.</summary>
    public byte[] ToJsonBytes()
    {
        using var stream = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("msg_id", MsgId);
            writer.WriteString("session", Session);
            writer.WriteString("username", Username);
            writer.WriteString("date", Date);
            writer.WriteString("msg_type", MsgType);
            writer.WriteString("version", Version);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a header; throws <see cref="MessageRejectedException"/> when it is not one.</summary>
    public static MessageHeader Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new MessageRejectedException("the header is not a JSON object");
            var msgType = Text(root, "msg_type");
            if (string.IsNullOrEmpty(msgType)) throw new MessageRejectedException("the header has no msg_type");
            return new MessageHeader(Text(root, "msg_id") ?? "", Text(root, "session") ?? "", Text(root, "username") ?? "",
                Text(root, "date") ?? "", msgType, Text(root, "version") ?? "");
        }
        catch (JsonException e)
        {
            throw new MessageRejectedException("the header is not JSON: " + e.Message);
        }
    }

    private static string? Text(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
