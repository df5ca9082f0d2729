using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Tests.Support;

/// <summary>A device of the sample community talking MQTT 5 to a broker with its demo credentials.</summary>
public sealed class SampleDevice : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private SampleDevice(RegisteredDevice device) => Device = device;

    public RegisteredDevice Device { get; }

    public string TelemetryTopic => $"pc/{Device.Site.Id}/{Device.Kind}/{Device.Id}/telemetry";

    public static async Task<SampleDevice> ConnectAsync(RegisteredDevice device, int port, string? password = null)
    {
        var sample = new SampleDevice(device);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(device.Id)
            .WithCredentials(device.Id, password ?? DemoSecrets.For(device.Id))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        var result = await sample._client.ConnectAsync(options).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"{device.Id} could not connect: {result.ResultCode}");
        }

        return sample;
    }

    public Task<MqttClientPublishResult> PublishAsync(string payload, string? topic = null) =>
        PublishAsync(Encoding.UTF8.GetBytes(payload), topic);

    public Task<MqttClientPublishResult> PublishAsync(byte[] payload, string? topic = null) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic ?? TelemetryTopic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}
