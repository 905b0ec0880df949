using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mallard.Jupyter.Protocol;

namespace Mallard.Jupyter.Tests;

public sealed partial class MessageCodecTests
{
    private const string Key = "0c5b1e3a-test-key";

    private static List<byte[]> Frames(MessageCodec codec, string msgType, string content)
        => [.. codec.Encode([Encoding.ASCII.GetBytes("client-1")], msgType, null, Encoding.UTF8.GetBytes(content)).Select(f => f.ToArray())];

    [Fact]
    public void Header_dates_have_six_fractional_digits_and_a_Z()
    {
        var date = MessageHeader.FormatDate(new DateTimeOffset(2024, 3, 5, 7, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234567));
        Assert.Equal("2024-03-05T05:08:09.123456Z", date);
        var header = MessageHeader.Create("status", "s", "u");
        Assert.Matches(DatePattern(), header.Date);
        Assert.Equal("5.3", header.Version);
        using var json = JsonDocument.Parse(header.ToJsonBytes());
        Assert.Equal(["msg_id", "session", "username", "date", "msg_type", "version"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_message_round_trips_with_its_identities_and_exact_bytes()
    {
        var sender = new MessageCodec(Key, "kernel", "me");
        var receiver = new MessageCodec(Key, "other", "me");
        var frames = Frames(sender, "execute_request", """{"code":"1 + 1"}""");
        using var message = receiver.Decode(frames);
        Assert.Equal("execute_request", message.MsgType);
        Assert.Equal("client-1", Encoding.ASCII.GetString(message.Identities.Single()));
        Assert.Equal("1 + 1", message.GetString("code"));
        Assert.Equal(frames[3], message.HeaderBytes);
    }

    [Fact]
    public void A_replayed_signature_is_refused()
    {
        var sender = new MessageCodec(Key, "kernel", "me");
        var receiver = new MessageCodec(Key, "other", "me");
        var frames = Frames(sender, "kernel_info_request", "{}");
        receiver.Decode(frames).Dispose();
        Assert.Contains("replayed", Assert.Throws<MessageRejectedException>(() => receiver.Decode(frames)).Message);
    }

    [Fact]
    public void Unsigned_or_tampered_messages_are_refused()
    {
        var sender = new MessageCodec(Key, "kernel", "me");
        var receiver = new MessageCodec(Key, "other", "me");
        var unsigned = Frames(sender, "execute_request", """{"code":"x"}""");
        unsigned[2] = [];
        Assert.Contains("not signed", Assert.Throws<MessageRejectedException>(() => receiver.Decode(unsigned)).Message);
        var tampered = Frames(sender, "execute_request", """{"code":"x"}""");
        tampered[6] = Encoding.UTF8.GetBytes("""{"code":"y"}""");
        Assert.Contains("bad signature", Assert.Throws<MessageRejectedException>(() => receiver.Decode(tampered)).Message);
        var forger = new MessageCodec("another key", "kernel", "me");
        Assert.Throws<MessageRejectedException>(() => receiver.Decode(Frames(forger, "execute_request", "{}")));
    }

    [Fact]
    public void Malformed_frames_and_content_are_refused_with_the_reason()
    {
        var codec = new MessageCodec("", "kernel", "me");
        Assert.Contains("delimiter", Assert.Throws<MessageRejectedException>(() => codec.Decode([[1, 2, 3]])).Message);
        Assert.Contains("frames after", Assert.Throws<MessageRejectedException>(() => codec.Decode(["<IDS|MSG>"u8.ToArray(), []])).Message);
        var notJson = Frames(codec, "execute_request", "{}");
        notJson[6] = [0xFF, 0x20];
        Assert.Contains("not JSON", Assert.Throws<MessageRejectedException>(() => codec.Decode(notJson)).Message);
        var noType = Frames(codec, "execute_request", "{}");
        noType[3] = "{}"u8.ToArray();
        Assert.Contains("msg_type", Assert.Throws<MessageRejectedException>(() => codec.Decode(noType)).Message);
        var array = Frames(codec, "execute_request", "[1]");
        Assert.Contains("not a JSON object", Assert.Throws<MessageRejectedException>(() => codec.Decode(array)).Message);
    }

    [Fact]
    public void The_replay_cache_forgets_the_oldest_signatures_beyond_its_capacity()
    {
        var cache = new ReplayCache(capacity: 2);
        Assert.True(cache.TryAdd("a"u8));
        Assert.True(cache.TryAdd("b"u8));
        Assert.False(cache.TryAdd("a"u8));
        Assert.True(cache.TryAdd("c"u8));
        Assert.True(cache.TryAdd("a"u8));
    }

    [Fact]
    public void A_connection_file_is_read_and_its_mistakes_named()
    {
        var info = ConnectionInfo.Parse("""{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"127.0.0.1","key":"k","transport":"tcp","signature_scheme":"hmac-sha256","kernel_name":"mallard"}""");
        Assert.Equal((1, 2, 3, 4, 5), (info.ShellPort, info.IopubPort, info.StdinPort, info.ControlPort, info.HbPort));
        Assert.Equal("k", info.Key);
        Assert.Contains("shell_port", Assert.Throws<FormatException>(() => ConnectionInfo.Parse("""{"iopub_port":2}""")).Message);
        Assert.Contains("hmac-md5", Assert.Throws<FormatException>(() => ConnectionInfo.Parse(
            """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-md5"}""")).Message);
        Assert.Contains("ipc", Assert.Throws<FormatException>(() => ConnectionInfo.Parse(
            """{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"transport":"ipc"}""")).Message);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$")]
    private static partial Regex DatePattern();
}
