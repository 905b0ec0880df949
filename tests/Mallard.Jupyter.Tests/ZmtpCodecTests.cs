using System.Text;
using Mallard.Jupyter.Transport;

namespace Mallard.Jupyter.Tests;

public sealed class ZmtpCodecTests
{
    [Fact]
    public void The_greeting_is_64_bytes_of_ZMTP_3_1_with_the_NULL_mechanism()
    {
        var greeting = ZmtpCodec.Greeting();
        Assert.Equal(64, greeting.Length);
        Assert.Equal(0xFF, greeting[0]);
        Assert.Equal(0x7F, greeting[9]);
        Assert.Equal(3, greeting[10]);
        Assert.Equal(1, greeting[11]);
        Assert.Equal("NULL", Encoding.ASCII.GetString(greeting, 12, 4));
        Assert.All(greeting[16..32], b => Assert.Equal(0, b));
        Assert.Equal(0, greeting[32]);
        Assert.Equal(1, ZmtpCodec.ValidateGreeting(greeting));
    }

    [Fact]
    public void A_ROUTER_READY_is_spelled_as_libzmq_expects()
    {
        var expected = new byte[] { 0x04, 0x1C, 0x05 }.Concat("READY"u8.ToArray()).Concat(new byte[] { 0x0B })
            .Concat("Socket-Type"u8.ToArray()).Concat(new byte[] { 0, 0, 0, 6 }).Concat("ROUTER"u8.ToArray()).ToArray();
        Assert.Equal(expected, ZmtpCodec.Ready("ROUTER"));
        Assert.Equal(0x19, ZmtpCodec.Ready("PUB")[1]);
    }

    [Fact]
    public void READY_properties_are_read_whatever_their_case()
    {
        var frame = ZmtpCodec.Ready("DEALER", "abc"u8);
        var command = ZmtpCodec.ParseCommand(frame.AsSpan(2));
        Assert.Equal("READY", command.Name);
        var properties = ZmtpCodec.ParseProperties(command.Data);
        Assert.Equal("DEALER", Encoding.ASCII.GetString(properties["socket-type"]));
        Assert.Equal("abc", Encoding.ASCII.GetString(properties["IDENTITY"]));
    }

    [Fact]
    public void A_truncated_property_is_refused()
    {
        var frame = ZmtpCodec.Ready("DEALER");
        var command = ZmtpCodec.ParseCommand(frame.AsSpan(2));
        Assert.Throws<ZmtpProtocolException>(() => ZmtpCodec.ParseProperties(command.Data.AsSpan(0, command.Data.Length - 2)));
    }

    [Fact]
    public void Short_frames_use_one_size_byte_and_long_frames_eight()
    {
        var small = ZmtpCodec.Frame(new byte[255], more: true);
        Assert.Equal(0x01, small[0]);
        Assert.Equal(255, small[1]);
        Assert.Equal(257, small.Length);
        var large = ZmtpCodec.Frame(new byte[256], more: false);
        Assert.Equal(0x02, large[0]);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 1, 0 }, large[1..9]);
        Assert.Equal(265, large.Length);
    }

    [Fact]
    public void A_message_sets_MORE_on_every_frame_but_the_last()
    {
        var bytes = ZmtpCodec.Message([new byte[] { 1 }, Array.Empty<byte>(), new byte[] { 2, 3 }]);
        Assert.Equal(new byte[] { 0x01, 1, 1, 0x01, 0, 0x00, 2, 2, 3 }, bytes);
    }

    [Fact]
    public void Greetings_of_other_mechanisms_or_older_versions_are_refused()
    {
        var curve = ZmtpCodec.Greeting();
        Encoding.ASCII.GetBytes("CURVE").CopyTo(curve, 12);
        Assert.Contains("CURVE", Assert.Throws<ZmtpProtocolException>(() => ZmtpCodec.ValidateGreeting(curve)).Message);
        var old = ZmtpCodec.Greeting();
        old[10] = 2;
        Assert.Throws<ZmtpProtocolException>(() => ZmtpCodec.ValidateGreeting(old));
        var v1 = ZmtpCodec.Greeting();
        v1[9] = 0x7E;
        Assert.Throws<ZmtpProtocolException>(() => ZmtpCodec.ValidateGreeting(v1));
    }

    [Fact]
    public void Socket_types_pair_as_RFC_37_says()
    {
        Assert.True(ZmtpSocketType.IsCompatible("ROUTER", "DEALER"));
        Assert.True(ZmtpSocketType.IsCompatible("PUB", "SUB"));
        Assert.True(ZmtpSocketType.IsCompatible("REP", "REQ"));
        Assert.False(ZmtpSocketType.IsCompatible("PUB", "DEALER"));
        Assert.False(ZmtpSocketType.IsCompatible("ROUTER", "SUB"));
    }
}
