using System.Security.Cryptography;
using System.Text;

namespace Mallard.Jupyter.Protocol;

/// <summary>
/// HMAC-SHA256 over the exact bytes of header, parent header, metadata and content, as lowercase hex.
/// With an empty key nothing is signed or checked, as Jupyter specifies.
/// </summary>
internal sealed class MessageSigner
{
    private readonly byte[] _key;

    public MessageSigner(string key)
    {
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Whether messages are signed at all.</summary>
    public bool Enabled => _key.Length > 0;

    /// <summary>The signature of the four parts: 64 lowercase hex characters as ASCII bytes (empty when disabled).</summary>
    public byte[] Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return [];
        Span<byte> mac = stackalloc byte[32];
        using (var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key))
        {
            hmac.AppendData(header);
            hmac.AppendData(parent);
            hmac.AppendData(metadata);
            hmac.AppendData(content);
            hmac.GetHashAndReset(mac);
        }
        var hex = new byte[64];
        for (var i = 0; i < 32; i++)
        {
            hex[2 * i] = HexDigit(mac[i] >> 4);
            hex[(2 * i) + 1] = HexDigit(mac[i] & 0xF);
        }
        return hex;
    }

    /// <summary>Whether <paramref name="signature"/> is the right one, compared in constant time (hex case ignored).</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return true;
        if (signature.Length != 64) return false;
        Span<byte> lowered = stackalloc byte[64];
        for (var i = 0; i < 64; i++) lowered[i] = signature[i] is >= (byte)'A' and <= (byte)'F' ? (byte)(signature[i] + 32) : signature[i];
        return CryptographicOperations.FixedTimeEquals(lowered, Sign(header, parent, metadata, content));
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}
