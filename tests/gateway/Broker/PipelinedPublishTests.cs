using System.Diagnostics;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>
/// A device's QoS 1 publishes are all handed to ingestion as they arrive (not one at a time), yet each PUBACK still
/// waits for its own message and every earlier one [MQTT-4.6.0-2]; and the broker's own keep-alive check sees them.
/// </summary>
public sealed class PipelinedPublishTests
{
    private const string Topic = "pc/s1/light/l1/telemetry";

    [Fact]
    public async Task PublishesInFlightAreAllInIngestionAtOnceAndAcknowledgedInTheOrderTheyCame()
    {
        await using var broker = await TestBroker.StartAsync();
        broker.Sink.HoldEach = true;
        await using var raw = await ConnectAsync(broker, protocolLevel: 4);

        const int count = 5;
        await raw.SendAsync([.. Enumerable.Range(1, count).Select(id => RawPackets.PublishQos1(Topic.ToBytes(), "{}"u8.ToArray(), (ushort)id, mqtt5: false))]);

        // One at a time, the sink would see one message until it is durable; pipelined, it sees all of them.
        await WaitUntilAsync(() => broker.Sink.EnteredCount == count);

        // The later messages become durable first: none of them may be acknowledged before the first.
        for (var index = count - 1; index >= 1; index--)
        {
            broker.Sink.Release(index);
        }

        await Task.Delay(300);
        Assert.False(raw.HasUnreadData, "a PUBACK left before the first message was durable");

        broker.Sink.Release(0);
        for (var id = 1; id <= count; id++)
        {
            var pubAck = await raw.ReadPacketAsync();
            Assert.NotNull(pubAck);
            Assert.Equal(0x40, pubAck.Value.Header);
            Assert.Equal(id, (pubAck.Value.Body[0] << 8) | pubAck.Value.Body[1]);
        }

        Assert.Equal(count, broker.Sink.Accepted.Count);
    }

    [Fact]
    public async Task APublishSplitAcrossReadsAndOneTooLargeForTheReadBufferAreAcknowledgedInOrderWithTheRest()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await ConnectAsync(broker, protocolLevel: 4);
        var small = RawPackets.PublishQos1(Topic.ToBytes(), "{}"u8.ToArray(), packetId: 1, mqtt5: false);
        var large = RawPackets.PublishQos1(Topic.ToBytes(), new byte[6000], packetId: 2, mqtt5: false);
        var split = RawPackets.PublishQos1(Topic.ToBytes(), "{}"u8.ToArray(), packetId: 3, mqtt5: false);

        await raw.SendAsync(small, large, split[..5]);
        await Task.Delay(200);
        await raw.SendAsync(split[5..]);

        for (var id = 1; id <= 3; id++)
        {
            var pubAck = await raw.ReadPacketAsync();
            Assert.True(pubAck is { Header: 0x40 }, $"no PUBACK for {id}");
            Assert.Equal(id, (pubAck.Value.Body[0] << 8) | pubAck.Value.Body[1]);
        }

        Assert.Equal([2, 6000, 2], broker.Sink.Accepted.Select(m => m.Payload.Length));
    }

    [Fact]
    public async Task ADeviceThatKeepsPublishingStaysConnectedPastItsKeepAlive()
    {
        await using var broker = await TestBroker.StartAsync(o => o.KeepAliveMonitorInterval = TimeSpan.FromMilliseconds(100));
        await using var raw = await ConnectAsync(broker, protocolLevel: 4, keepAliveSeconds: 1);

        // 3 s of publishes 300 ms apart and no PINGREQ: twice past 1.5 × the keep-alive, had only PINGREQs counted.
        for (ushort id = 1; id <= 10; id++)
        {
            await raw.SendAsync(RawPackets.PublishQos1(Topic.ToBytes(), "{}"u8.ToArray(), id, mqtt5: false));
            var pubAck = await raw.ReadPacketAsync();
            Assert.True(pubAck is { Header: 0x40 }, $"publish {id}: connection closed instead of PUBACK");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task ASilentMqtt311ConnectionIsClosedOnceOneAndAHalfKeepAlivesPass()
    {
        await using var broker = await TestBroker.StartAsync(o => o.KeepAliveMonitorInterval = TimeSpan.FromMilliseconds(100));
        var silence = Stopwatch.StartNew();
        await using var raw = await ConnectAsync(broker, protocolLevel: 4, keepAliveSeconds: 1);

        Assert.True(await raw.IsClosedByServerAsync());
        Assert.InRange(silence.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(9));
        Assert.Contains(broker.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("keep-alive of 1 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASilentMqtt5ConnectionIsToldKeepAliveTimeoutBeforeItIsClosed()
    {
        await using var broker = await TestBroker.StartAsync(o => o.KeepAliveMonitorInterval = TimeSpan.FromMilliseconds(100));
        await using var raw = await ConnectAsync(broker, protocolLevel: 5, keepAliveSeconds: 1);

        var disconnect = await raw.ReadPacketAsync();

        Assert.NotNull(disconnect);
        Assert.Equal(0xE0, disconnect.Value.Header);
        Assert.Equal(0x8D, disconnect.Value.Body[0]);
        Assert.True(await raw.IsClosedByServerAsync());
    }

    private static async Task<RawMqttConnection> ConnectAsync(TestBroker broker, byte protocolLevel, ushort keepAliveSeconds = 60)
    {
        var raw = await RawMqttConnection.OpenAsync(broker.Port);
        await raw.SendAsync(RawPackets.Connect("l1"u8.ToArray(), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel, keepAliveSeconds));
        var connAck = await raw.ReadPacketAsync();
        Assert.True(connAck is { Header: 0x20 }, "no CONNACK");
        Assert.Equal(0, connAck.Value.Body[1]);
        return raw;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(20);
        }
    }
}

internal static class TopicBytes
{
    public static byte[] ToBytes(this string topic) => System.Text.Encoding.UTF8.GetBytes(topic);
}
