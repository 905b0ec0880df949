using System.Text;
using Mallard.Jupyter.Protocol;

namespace Mallard.Jupyter.Tests;

public sealed class MessageSignerTests
{
    [Fact]
    public void The_signature_is_lowercase_hex_HMAC_SHA256_over_the_four_parts_in_order()
    {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?", split across the four parts.
        var signer = new MessageSigner("Jefe");
        var signature = Encoding.ASCII.GetString(signer.Sign("what "u8, "do ya "u8, "want for "u8, "nothing?"u8));
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
    }

    [Fact]
    public void The_key_is_used_as_UTF8_text_not_decoded_from_hex()
    {
        var hexLooking = new MessageSigner("a1b2c3");
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("a1b2c3"));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash("{}{}{}{}"u8.ToArray()));
        Assert.Equal(expected, Encoding.ASCII.GetString(hexLooking.Sign("{}"u8, "{}"u8, "{}"u8, "{}"u8)));
    }

    [Fact]
    public void A_signature_over_other_bytes_does_not_verify()
    {
        var signer = new MessageSigner("secret");
        var signature = signer.Sign("h"u8, "p"u8, "m"u8, "c"u8);
        Assert.True(signer.Verify(signature, "h"u8, "p"u8, "m"u8, "c"u8));
        Assert.False(signer.Verify(signature, "h"u8, "p"u8, "m"u8, "C"u8));
        Assert.False(signer.Verify(signature.AsSpan(0, 63), "h"u8, "p"u8, "m"u8, "c"u8));
        Assert.False(signer.Verify([], "h"u8, "p"u8, "m"u8, "c"u8));
    }

    [Fact]
    public void With_an_empty_key_nothing_is_signed()
    {
        var signer = new MessageSigner("");
        Assert.False(signer.Enabled);
        Assert.Empty(signer.Sign("h"u8, "p"u8, "m"u8, "c"u8));
    }
}
