using MQTTnet;
using MQTTnet.Formatter;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class DurableAcknowledgementTests
{
    [Fact]
    public async Task AQos1PublishReachesTheSinkBeforeThePubAckAndIsAcknowledgedOnlyOnceDurable()
    {
        await using var broker = await TestBroker.StartAsync();
        broker.Sink.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var l1 = await broker.ConnectDeviceAsync("l1");

        var publish = l1.PublishAsync(AccessControlTests.Message(TestBroker.TopicOf("light", "l1")));
        await broker.Sink.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        // The sink holds the message: the broker is awaiting it, so no PUBACK can have been sent.
        Assert.False(publish.IsCompleted);
        Assert.Empty(broker.Sink.Accepted);

        broker.Sink.Gate.SetResult();
        var result = await publish.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        Assert.Single(broker.Sink.Accepted);
    }

    [Fact]
    public async Task WhenTheSinkFailsAnMqtt5DeviceGetsAnErrorPubAck()
    {
        await using var broker = await TestBroker.StartAsync();
        broker.ErrorsExpected = true;
        broker.Sink.Failure = new InvalidOperationException("store and spool are both unavailable");
        var l1 = await broker.ConnectDeviceAsync("l1");

        var result = await l1.PublishAsync(AccessControlTests.Message(TestBroker.TopicOf("light", "l1")));

        Assert.False(result.IsSuccess);
        Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, result.ReasonCode);
        Assert.Contains(broker.Logs.Errors, e => e.Contains("Ingestion did not take the message of l1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheSinkFailsAnMqtt311DeviceIsDisconnectedBeforeAnyPubAck()
    {
        await using var broker = await TestBroker.StartAsync();
        broker.ErrorsExpected = true;
        broker.Sink.Failure = new InvalidOperationException("store and spool are both unavailable");
        await using var raw = await RawMqttConnection.OpenAsync(broker.Port);
        await raw.SendAsync(RawPackets.Connect("l1"u8.ToArray(), "l1", BrokerTestRegistry.SecretOf("l1"), protocolLevel: 4));
        Assert.Equal(0, (await raw.ReadPacketAsync())!.Value.Body[1]);

        await raw.SendAsync(RawPackets.PublishQos1("pc/s1/light/l1/telemetry"u8.ToArray(), "{}"u8.ToArray(), packetId: 7, mqtt5: false));

        // MQTT 3.1.1 has no failed PUBACK; the connection closes with no PUBACK, so the device sends the message again.
        Assert.True(await raw.IsClosedByServerAsync());
        Assert.Empty(broker.Sink.Accepted);
    }

    [Fact]
    public async Task AnMqtt311DevicePublishingOnAnotherDevicesTopicIsDisconnected()
    {
        await using var broker = await TestBroker.StartAsync();
        var l1 = await broker.ConnectDeviceAsync("l1", MqttProtocolVersion.V311);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        l1.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        var publish = l1.PublishAsync(AccessControlTests.Message(TestBroker.TopicOf("light", "l2")));

        await disconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(() => publish.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(broker.Sink.Accepted);
    }
}
