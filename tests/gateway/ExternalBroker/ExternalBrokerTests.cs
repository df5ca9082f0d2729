using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.ExternalBroker;

/// <summary>The gateway as a client of the real mosquitto started by the test command.</summary>
public sealed class ExternalBrokerTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_200_000_000);
    private readonly RegisteredDevice _device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "parking");

    [Fact]
    public async Task MessagesFromMosquittoAreStoredAndUnknownDevicesDeadLettered()
    {
        await using var gateway = await StartGatewayAsync("Reject");
        using var publisher = await ConnectPublisherAsync();

        await PublishAsync(publisher, $"pc/{_device.Site.Id}/parking/{_device.Id}/telemetry", $$$"""{"ts":{{{Start.ToUnixTimeMilliseconds()}}},"values":{"occupied":true}}""");
        await PublishAsync(publisher, $"pc/{_device.Site.Id}/parking/ghost-01/telemetry", """{"values":{"occupied":true}}""");

        var stored = await Eventually.ReturnsAsync(
            () => gateway.Reader.LatestAsync(new SeriesFilter(Devices: [_device.Id]), CancellationToken.None), points => points.Count == 1);
        Assert.Equal(true, stored[0].Values["occupied"]);
        var letters = await Eventually.ReturnsAsync(
            () => gateway.DeadLetters.ListAsync("ghost-01", null, 10, CancellationToken.None), found => found.Count == 1);
        Assert.Equal(DeadLetterReasons.UnknownDevice, letters[0].Reason);
    }

    [Fact]
    public async Task ATopicOutsideTheContractIsDeadLetteredAsBadTopic()
    {
        await using var gateway = await StartGatewayAsync("Reject");
        using var publisher = await ConnectPublisherAsync();
        var topic = $"pc/{_device.Site.Id}/parking/{_device.Id}/bogus";

        await PublishAsync(publisher, topic, """{"values":{"occupied":true}}""");

        var letters = await Eventually.ReturnsAsync(
            () => gateway.DeadLetters.ListAsync(null, DeadLetterReasons.BadTopic, 10, CancellationToken.None), found => found.Count == 1);
        Assert.Equal(topic, letters[0].Topic);
        Assert.Contains("bogus", letters[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventFromAnUnknownDeviceIsDeadLetteredWithoutItsBytesSinceTheyMayHoldACardId()
    {
        await using var gateway = await StartGatewayAsync("Reject");
        using var publisher = await ConnectPublisherAsync();
        var payload = """{"type":"access_denied","data":{"card_id":"CARD-0815"}}""";

        await PublishAsync(publisher, $"pc/{_device.Site.Id}/access/ghost-02/event", payload);

        var letters = await Eventually.ReturnsAsync(
            () => gateway.DeadLetters.ListAsync("ghost-02", null, 10, CancellationToken.None), found => found.Count == 1);
        Assert.Equal(DeadLetterReasons.UnknownDevice, letters[0].Reason);
        Assert.Empty(letters[0].Payload);
        Assert.Equal(Encoding.UTF8.GetByteCount(payload), letters[0].PayloadLength);
    }

    [Fact]
    public async Task WithTheAcceptPolicyUnknownDevicesAreStoredAsUnassigned()
    {
        await using var gateway = await StartGatewayAsync("AcceptAsUnassigned");
        using var publisher = await ConnectPublisherAsync();

        await PublishAsync(publisher, $"pc/{_device.Site.Id}/parking/stray-07/telemetry", $$$"""{"ts":{{{Start.ToUnixTimeMilliseconds()}}},"values":{"occupied":false}}""");

        var stored = await Eventually.ReturnsAsync(
            () => gateway.Reader.LatestAsync(new SeriesFilter(Devices: ["stray-07"]), CancellationToken.None), points => points.Count == 1);
        Assert.Equal("unassigned", stored[0].Grid);
        Assert.Equal("unassigned", stored[0].Zone);
    }

    private static Task<GatewayHost> StartGatewayAsync(string unknownDevices) => GatewayHost.StartAsync(new Dictionary<string, string?>
    {
        ["Gateway:BrokerMode"] = "External",
        ["Gateway:ExternalBroker:Port"] = TestServers.MosquittoPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:ExternalBroker:ClientId"] = TestServers.UniqueName("gw"),
        ["Gateway:ExternalBroker:SessionExpiry"] = "00:01:00",
        ["Gateway:Ingestion:UnknownDevices"] = unknownDevices,
    });

    private static async Task<IMqttClient> ConnectPublisherAsync()
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", TestServers.MosquittoPort).WithClientId(TestServers.UniqueName("pub")).Build());
        return client;
    }

    private static async Task PublishAsync(IMqttClient client, string topic, string payload)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await client.PublishAsync(message);
        Assert.True(result.IsSuccess, $"publish to {topic} failed: {result.ReasonCode}");
    }
}
