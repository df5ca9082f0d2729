using System.Text;
using MQTTnet;
using MQTTnet.Protocol;

namespace ParkCommunity.Gateway.Tests.Broker;

public sealed class AccessControlTests
{
    [Fact]
    public async Task APublishOnAnotherDevicesTopicIsNotAuthorizedAndNeverReachesTheSink()
    {
        await using var broker = await TestBroker.StartAsync();
        var l1 = await broker.ConnectDeviceAsync("l1");

        var result = await l1.PublishAsync(Message(TestBroker.TopicOf("light", "l2")));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Empty(broker.Sink.Accepted);
        Assert.Contains(broker.LoggedMessages, m => m.Contains("Refused publish of l1 on pc/s1/light/l2/telemetry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APublishUnderTheRightIdButTheWrongKindIsNotAuthorized()
    {
        await using var broker = await TestBroker.StartAsync();
        var l1 = await broker.ConnectDeviceAsync("l1");

        var result = await l1.PublishAsync(Message(TestBroker.TopicOf("parking", "l1")));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
        Assert.Empty(broker.Sink.Accepted);
    }

    [Fact]
    public async Task ADeviceMessageOnItsOwnTopicReachesTheSinkWithItsIdentity()
    {
        await using var broker = await TestBroker.StartAsync();
        var p1 = await broker.ConnectDeviceAsync("p1");

        var result = await p1.PublishAsync(Message(TestBroker.TopicOf("parking", "p1", "event"), """{"type":"gate_forced"}"""));

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        var accepted = Assert.Single(broker.Sink.Accepted);
        Assert.Equal(("pc/s1/parking/p1/event", "p1"), (accepted.Topic, accepted.Device));
        Assert.Equal("""{"type":"gate_forced"}""", Encoding.UTF8.GetString(accepted.Payload));
    }

    [Fact]
    public async Task ADeviceCannotSubscribeOutsideItsOwnTree()
    {
        await using var broker = await TestBroker.StartAsync();
        var l1 = await broker.ConnectDeviceAsync("l1");

        var result = await l1.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("pc/s1/light/l2/#")
            .WithTopicFilter("pc/+/light/l1/#")
            .WithTopicFilter("#")
            .Build());

        Assert.All(result.Items, item => Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, item.ResultCode));
    }

    [Fact]
    public async Task ADeviceMaySubscribeToItsOwnTree()
    {
        await using var broker = await TestBroker.StartAsync();
        var l1 = await broker.ConnectDeviceAsync("l1");

        var result = await l1.SubscribeAsync("pc/s1/light/l1/#", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(result.Items).ResultCode);
    }

    [Fact]
    public async Task AServiceAccountSubscribedUnderThePrefixAlsoReceivesDeviceMessages()
    {
        await using var broker = await TestBroker.StartAsync();
        var (rules, code) = await broker.TryConnectAsync(broker.OptionsFor(TestBroker.ServiceAccount, TestBroker.ServiceSecret));
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        rules.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        var subscribed = await rules.SubscribeAsync("pc/#", MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(subscribed.Items).ResultCode);
        var l1 = await broker.ConnectDeviceAsync("l1");

        await l1.PublishAsync(Message(TestBroker.TopicOf("light", "l1")));

        Assert.Equal("pc/s1/light/l1/telemetry", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(broker.Sink.Accepted);
    }

    [Fact]
    public async Task AServiceAccountCannotPublishOutsideThePrefix()
    {
        await using var broker = await TestBroker.StartAsync();
        var (rules, _) = await broker.TryConnectAsync(broker.OptionsFor(TestBroker.ServiceAccount, TestBroker.ServiceSecret));

        var result = await rules.PublishAsync(Message("elsewhere/topic"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, result.ReasonCode);
    }

    [Fact]
    public async Task AServiceAccountPublishOnADeviceTopicDoesNotReachTheSink()
    {
        await using var broker = await TestBroker.StartAsync();
        var (rules, _) = await broker.TryConnectAsync(broker.OptionsFor(TestBroker.ServiceAccount, TestBroker.ServiceSecret));

        var result = await rules.PublishAsync(Message(TestBroker.TopicOf("light", "l1")));

        Assert.True(result.IsSuccess, result.ReasonCode.ToString());
        Assert.Empty(broker.Sink.Accepted);
    }

    internal static MqttApplicationMessage Message(string topic, string payload = """{"values":{"power_w":41.5}}""") =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
