using MQTTnet;
using MQTTnet.Formatter;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class HardeningTests
{
    private const int MaxPacketSize = 8 * 1024;

    [Fact]
    public async Task Mqtt5ClientsAreToldTheMaximumPacketSizeInConnAck()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaxPacketSize = MaxPacketSize);
        var (client, _) = await broker.TryConnectAsync(broker.OptionsFor("l1", BrokerTestRegistry.SecretOf("l1")));
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);

        await raw.SendAsync(RawPackets.Connect("l1-raw"u8.ToArray(), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel: 5));
        var connAck = await raw.ReadPacketAsync();

        Assert.Equal((uint)MaxPacketSize, RawPackets.MaximumPacketSizeOf(connAck!.Value.Body));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task AnOversizedPacketFromAnMqtt5ClientGetsDisconnectPacketTooLarge()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaxPacketSize = MaxPacketSize);
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);
        await raw.SendAsync(RawPackets.Connect("l1"u8.ToArray(), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel: 5));
        Assert.Equal(0, (await raw.ReadPacketAsync())!.Value.Body[1]);

        await raw.SendAsync(RawPackets.PublishQos1("pc/s1/light/l1/telemetry"u8.ToArray(), new byte[MaxPacketSize], packetId: 1, mqtt5: true));
        var disconnect = await raw.ReadPacketAsync();

        Assert.NotNull(disconnect);
        Assert.Equal(0xE0, disconnect.Value.Header);
        Assert.Equal(0x95, disconnect.Value.Body[0]);
        Assert.True(await raw.IsClosedByServerAsync());
        Assert.Empty(broker.Sink.Accepted);
    }

    [Fact]
    public async Task AnOversizedPublishFromAnMqttNetClientClosesTheConnectionAndIsNotStored()
    {
        await using var broker = await TestBroker.StartAsync(o => o.MaxPacketSize = MaxPacketSize);
        var l1 = await broker.ConnectDeviceAsync("l1", MqttProtocolVersion.V311);

        var publish = l1.PublishAsync(AccessControlTests.Message(TestBroker.TopicOf("light", "l1"), new string('x', 2 * MaxPacketSize)));

        await Assert.ThrowsAnyAsync<Exception>(() => publish.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(broker.Sink.Accepted);
        Assert.Contains(broker.LoggedMessages, m => m.Contains($"more than the {MaxPacketSize} allowed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HundredConnectionsDeclaring256MegabytePacketsAreClosedWithoutTheMemoryBeingAllocated()
    {
        await using var broker = await TestBroker.StartAsync();
        const int connections = 100;
        var connects = Enumerable.Range(0, connections).Select(async i =>
        {
            var raw = await RawMqttConnection.OpenAsync(broker.Port);
            await raw.SendAsync(RawPackets.Connect(System.Text.Encoding.ASCII.GetBytes($"hostile-{i}"), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel: 4));
            Assert.Equal(0, (await raw.ReadPacketAsync())!.Value.Body[1]);
            return raw;
        });
        var opened = await Task.WhenAll(connects);
        var before = GC.GetTotalAllocatedBytes(precise: true);

        // The largest remaining length MQTT can express: 268,435,455 bytes, declared in five bytes with no body behind.
        var closed = await Task.WhenAll(opened.Select(async raw =>
        {
            await raw.SendAsync(RawPackets.PublishHeaderDeclaring(268_435_455));
            return await raw.IsClosedByServerAsync();
        }));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.All(closed, Assert.True);

        // One honoured header alone would allocate 256 MB; a hundred would be 25 GB.
        Assert.True(allocated < 20 * 1024 * 1024, $"{allocated:N0} bytes allocated while refusing {connections} oversized packets");
        foreach (var raw in opened)
        {
            await raw.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnUnauthenticatedConnectionDeclaringAHugeConnectIsClosedBeforeAnyCredentialCheck()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);

        await raw.SendAsync([0x10, 0xFF, 0xFF, 0xFF, 0x7F]);

        Assert.True(await raw.IsClosedByServerAsync());
        Assert.Contains(broker.LoggedMessages, m => m.Contains("a packet declared at least", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task APublishTopicThatIsNotValidUtf8ClosesTheConnection(byte protocolLevel)
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);
        await raw.SendAsync(RawPackets.Connect("l1"u8.ToArray(), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel));
        Assert.Equal(0, (await raw.ReadPacketAsync())!.Value.Body[1]);

        // "pc/s1/light/l1/" followed by 0xC3 0x28: a two-byte sequence whose second byte is not a continuation byte.
        await raw.SendAsync(RawPackets.PublishQos1([.. "pc/s1/light/l1/"u8, 0xC3, 0x28], "{}"u8.ToArray(), packetId: 3, mqtt5: protocolLevel == 5));

        // No PUBACK: what arrives, if anything, is MQTT 5's DISCONNECT, then the connection closes.
        var next = await raw.ReadPacketAsync();
        Assert.True(next is null || next.Value.Header == 0xE0, $"expected the connection to close, got packet 0x{next?.Header:X2}");
        Assert.True(next is null || await raw.IsClosedByServerAsync());
        Assert.Empty(broker.Sink.Accepted);
    }

    [Fact]
    public async Task AMalformedRemainingLengthClosesTheConnection()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);

        // Five length bytes all with the continuation bit: no valid packet has a header like this [MQTT-1.5.5].
        await raw.SendAsync([0x10, 0x80, 0x80, 0x80, 0x80, 0x01]);

        Assert.True(await raw.IsClosedByServerAsync());
    }
}
