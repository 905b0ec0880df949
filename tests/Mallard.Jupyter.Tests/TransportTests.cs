using System.Net;
using System.Net.Sockets;
using System.Text;
using Mallard.Jupyter.Logging;
using Mallard.Jupyter.Transport;

namespace Mallard.Jupyter.Tests;

/// <summary>Our sockets against real libzmq peers (pyzmq) and against hand-made misbehaving ones.</summary>
public sealed class TransportTests
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_libzmq_DEALER_talks_to_our_ROUTER_in_both_directions()
    {
        PythonRunner.Require("zmq");
        await using var router = new RouterSocket("shell", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        router.Start();
        using var peer = PythonRunner.Start(PythonRunner.Script("zmq_peer.py"), "dealer", router.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(Limit);
        var message = await router.Messages.ReadAsync(timeout.Token);
        Assert.Equal("peer-1", Encoding.ASCII.GetString(message[0]));
        Assert.Equal("hello", Encoding.ASCII.GetString(message[1]));
        Assert.Equal(300, message[2].Length);
        Assert.True(await router.SendAsync([message[0], "answer"u8.ToArray(), new byte[100_000], Array.Empty<byte>()]));
        var (code, stdout, stderr) = PythonRunner.Finish(peer, Limit);
        Assert.True(code == 0, stderr);
        Assert.Contains("dealer ok", stdout);
    }

    [Fact]
    public async Task A_libzmq_SUB_gets_the_topics_it_subscribed_to_and_no_others()
    {
        PythonRunner.Require("zmq");
        await using var pub = new PubSocket("iopub", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        pub.Start();
        using var peer = PythonRunner.Start(PythonRunner.Script("zmq_peer.py"), "sub", pub.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = DateTime.UtcNow + Limit;
        while (pub.SubscriberCount == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, pub.SubscriberCount);
        await pub.PublishAsync(["other.topic"u8.ToArray(), "x"u8.ToArray()]);
        await pub.PublishAsync(["news.first"u8.ToArray(), "x"u8.ToArray()]);
        await pub.PublishAsync(["news.end"u8.ToArray()]);
        var (code, stdout, stderr) = PythonRunner.Finish(peer, Limit);
        Assert.True(code == 0, stderr + stdout);
        Assert.Equal("news.first news.end", stdout.Trim().Split('\n')[^1]);
    }

    [Fact]
    public async Task A_libzmq_REQ_gets_its_requests_echoed_by_our_REP()
    {
        PythonRunner.Require("zmq");
        await using var rep = new RepSocket("hb", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        rep.Start();
        var (code, stdout, stderr) = PythonRunner.Run(Limit, PythonRunner.Script("zmq_peer.py"), "req", rep.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, stderr);
        Assert.Contains("req ok", stdout);
    }

    [Fact]
    public async Task A_ZMTP_3_0_subscriber_subscribing_with_a_data_frame_is_served()
    {
        await using var pub = new PubSocket("iopub", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        pub.Start();
        using var client = await ConnectRawAsync(pub.Port, "SUB", minor: 0);
        var stream = client.GetStream();
        await stream.WriteAsync(new byte[] { 0x00, 0x01, 0x01 }); // subscribe to ""
        var deadline = DateTime.UtcNow + Limit;
        while (pub.SubscriberCount == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        await pub.PublishAsync(["kernel.x.status"u8.ToArray(), "{}"u8.ToArray()]);
        var received = await ReadBytesAsync(stream, 2 + 15 + 2 + 2);
        Assert.Equal(new byte[] { 0x01, 15 }, received[..2]);
        Assert.Equal("kernel.x.status", Encoding.ASCII.GetString(received, 2, 15));
        Assert.Equal(new byte[] { 0x00, 2, (byte)'{', (byte)'}' }, received[17..]);
    }

    [Fact]
    public async Task An_oversized_message_closes_that_connection_and_the_socket_serves_others()
    {
        var limits = ZmtpLimits.Default with { MaxMessageSize = 1024 };
        await using var router = new RouterSocket("shell", AnyLoopbackPort, limits, KernelLog.None);
        router.Start();
        using (var greedy = await ConnectRawAsync(router.Port, "DEALER", minor: 1))
        {
            var stream = greedy.GetStream();
            // A frame header claiming a terabyte: refused from the header, before any allocation.
            await stream.WriteAsync(new byte[] { 0x02, 0, 0, 1, 0, 0, 0, 0, 0 });
            Assert.Equal(0, await ReadUntilClosedAsync(stream));
        }
        using (var many = await ConnectRawAsync(router.Port, "DEALER", minor: 1))
        {
            // Small frames that add up past the limit.
            var stream = many.GetStream();
            var frame = ZmtpCodec.Frame(new byte[600], more: true);
            await stream.WriteAsync(frame);
            await stream.WriteAsync(frame);
            Assert.Equal(0, await ReadUntilClosedAsync(stream));
        }
        using var fine = await ConnectRawAsync(router.Port, "DEALER", minor: 1);
        await fine.GetStream().WriteAsync(ZmtpCodec.Message([new byte[500]]));
        using var timeout = new CancellationTokenSource(Limit);
        var message = await router.Messages.ReadAsync(timeout.Token);
        Assert.Equal(500, message[1].Length);
    }

    [Fact]
    public async Task A_peer_of_the_wrong_socket_type_is_refused_with_an_ERROR()
    {
        await using var pub = new PubSocket("iopub", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        pub.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, pub.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(ZmtpCodec.Greeting());
        await stream.WriteAsync(ZmtpCodec.Ready("DEALER"));
        var bytes = await ReadAllAsync(stream);
        Assert.Contains("ERROR", Encoding.ASCII.GetString(bytes));
    }

    [Fact]
    public async Task Our_greeting_arrives_before_we_hear_anything_from_the_peer()
    {
        await using var router = new RouterSocket("shell", AnyLoopbackPort, ZmtpLimits.Default, KernelLog.None);
        router.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, router.Port);
        var greeting = await ReadBytesAsync(client.GetStream(), 64);
        Assert.Equal(ZmtpCodec.Greeting(), greeting);
    }

    private static async Task<TcpClient> ConnectRawAsync(int port, string socketType, int minor)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        var greeting = ZmtpCodec.Greeting();
        greeting[11] = (byte)minor;
        await stream.WriteAsync(greeting);
        await stream.WriteAsync(ZmtpCodec.Ready(socketType));
        var theirs = await ReadBytesAsync(stream, 64);
        Assert.Equal(0xFF, theirs[0]);
        var readyHeader = await ReadBytesAsync(stream, 2);
        await ReadBytesAsync(stream, readyHeader[1]);
        return client;
    }

    private static async Task<byte[]> ReadBytesAsync(NetworkStream stream, int count)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }

    private static async Task<int> ReadUntilClosedAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) return 0;
            }
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<byte[]> ReadAllAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        using var all = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0) all.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // Reset after the ERROR: what arrived is enough.
        }
        return all.ToArray();
    }
}
