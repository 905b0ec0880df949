using System.Buffers.Binary;
using System.Text;

namespace Mallard.Jupyter.Transport;

/// <summary>
/// The bytes of ZMTP 3.1 (RFC 37) with the NULL mechanism: greeting, READY and frames. Pure functions,
/// so the framing can be tested without sockets.
/// </summary>
internal static class ZmtpCodec
{
    public const int GreetingSize = 64;
    public const byte FlagMore = 0x01;
    public const byte FlagLong = 0x02;
    public const byte FlagCommand = 0x04;

    /// <summary>Our greeting: signature, version 3.1, mechanism NULL, not as-server.</summary>
    public static byte[] Greeting()
    {
        var greeting = new byte[GreetingSize];
        greeting[0] = 0xFF;
        greeting[8] = 0x01;
        greeting[9] = 0x7F;
        greeting[10] = 3;
        greeting[11] = 1;
        Encoding.ASCII.GetBytes("NULL").CopyTo(greeting, 12);
        return greeting;
    }

    /// <summary>Checks a peer's greeting: ZMTP 3.x or later, mechanism NULL. Returns the minor version.</summary>
    public static int ValidateGreeting(ReadOnlySpan<byte> greeting)
    {
        if (greeting.Length < GreetingSize) throw new ZmtpProtocolException("The peer's greeting is shorter than 64 bytes.");
        if (greeting[0] != 0xFF || (greeting[9] & 0x01) == 0)
            throw new ZmtpProtocolException("The peer does not speak ZMTP 3 (bad signature); ZMTP 1.0 and 2.0 are not supported.");
        if (greeting[10] < 3) throw new ZmtpProtocolException($"The peer speaks ZMTP {greeting[10]}.x; ZMTP 3.0 or later is needed.");
        var mechanism = Encoding.ASCII.GetString(greeting.Slice(12, 20)).TrimEnd('\0');
        if (mechanism != "NULL")
            throw new ZmtpProtocolException($"The peer asks for the {mechanism} security mechanism; only NULL is supported.");
        return greeting[11];
    }

    /// <summary>A READY command frame (header included) announcing <paramref name="socketType"/>.</summary>
    public static byte[] Ready(string socketType, ReadOnlySpan<byte> identity = default)
    {
        using var body = new MemoryStream();
        body.WriteByte(5);
        body.Write("READY"u8);
        WriteProperty(body, "Socket-Type", Encoding.ASCII.GetBytes(socketType));
        if (!identity.IsEmpty) WriteProperty(body, "Identity", identity);
        return Frame(body.ToArray(), more: false, command: true);
    }

    /// <summary>An ERROR command frame (header included).</summary>
    public static byte[] Error(string reason)
    {
        var text = Encoding.ASCII.GetBytes(reason.Length > 255 ? reason[..255] : reason);
        var body = new byte[1 + 5 + 1 + text.Length];
        body[0] = 5;
        "ERROR"u8.CopyTo(body.AsSpan(1));
        body[6] = (byte)text.Length;
        text.CopyTo(body, 7);
        return Frame(body, more: false, command: true);
    }

    /// <summary>A command frame with the given name and data.</summary>
    public static byte[] Command(string name, ReadOnlySpan<byte> data)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        var body = new byte[1 + nameBytes.Length + data.Length];
        body[0] = (byte)nameBytes.Length;
        nameBytes.CopyTo(body, 1);
        data.CopyTo(body.AsSpan(1 + nameBytes.Length));
        return Frame(body, more: false, command: true);
    }

    /// <summary>Parses a command body: the name, then the data.</summary>
    public static ZmtpCommand ParseCommand(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body[0] + 1 > body.Length) throw new ZmtpProtocolException("A command frame's name is truncated.");
        var name = Encoding.ASCII.GetString(body.Slice(1, body[0]));
        return new ZmtpCommand(name, body[(1 + body[0])..].ToArray());
    }

    /// <summary>The properties of a READY command's data (names as sent; compare them case-insensitively).</summary>
    public static Dictionary<string, byte[]> ParseProperties(ReadOnlySpan<byte> data)
    {
        var properties = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        while (!data.IsEmpty)
        {
            var nameLength = data[0];
            if (data.Length < 1 + nameLength + 4) throw new ZmtpProtocolException("A READY property is truncated.");
            var name = Encoding.ASCII.GetString(data.Slice(1, nameLength));
            var valueLength = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(1 + nameLength, 4));
            var rest = data[(1 + nameLength + 4)..];
            if (valueLength > (uint)rest.Length) throw new ZmtpProtocolException($"The READY property {name} is truncated.");
            properties[name] = rest[..(int)valueLength].ToArray();
            data = rest[(int)valueLength..];
        }
        return properties;
    }

    /// <summary>Size of a frame header for a body of <paramref name="length"/> bytes.</summary>
    public static int HeaderSize(long length) => length > 255 ? 9 : 2;

    /// <summary>Writes a frame header into <paramref name="destination"/>; returns its size.</summary>
    public static int WriteHeader(Span<byte> destination, long length, bool more, bool command)
    {
        var flags = (byte)((more ? FlagMore : 0) | (command ? FlagCommand : 0));
        if (length > 255)
        {
            destination[0] = (byte)(flags | FlagLong);
            BinaryPrimitives.WriteUInt64BigEndian(destination[1..], (ulong)length);
            return 9;
        }
        destination[0] = flags;
        destination[1] = (byte)length;
        return 2;
    }

    /// <summary>One frame, header and body.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> body, bool more, bool command = false)
    {
        var frame = new byte[HeaderSize(body.Length) + body.Length];
        var at = WriteHeader(frame, body.Length, more, command);
        body.CopyTo(frame.AsSpan(at));
        return frame;
    }

    /// <summary>A whole message: every frame but the last has MORE set.</summary>
    public static byte[] Message(IReadOnlyList<ReadOnlyMemory<byte>> frames)
    {
        var size = 0L;
        foreach (var frame in frames) size += HeaderSize(frame.Length) + frame.Length;
        var buffer = new byte[size];
        var at = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            at += WriteHeader(buffer.AsSpan(at), frames[i].Length, more: i < frames.Count - 1, command: false);
            frames[i].Span.CopyTo(buffer.AsSpan(at));
            at += frames[i].Length;
        }
        return buffer;
    }

    private static void WriteProperty(Stream stream, string name, ReadOnlySpan<byte> value)
    {
        stream.WriteByte((byte)name.Length);
        stream.Write(Encoding.ASCII.GetBytes(name));
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        stream.Write(length);
        stream.Write(value);
    }
}
