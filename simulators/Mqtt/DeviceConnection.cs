using System.Text;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using ParkCommunity.SiteRegistry;
using ParkCommunity.Simulators.Simulation;

namespace ParkCommunity.Simulators.Mqtt;

/// <summary>
/// One simulated device's own MQTT connection: its id as client id and user name, its secret as password,
/// and a retained last will <c>offline</c> on its status topic, so the platform sees it drop out if the
/// simulator dies. After connecting it publishes a retained <c>online</c>; on a clean stop a retained
/// <c>offline</c>, because a normal DISCONNECT discards the will [MQTT-3.1.2-10].
/// </summary>
internal sealed class DeviceConnection : IAsyncDisposable
{
    private static readonly byte[] Online = Encoding.UTF8.GetBytes("online");
    private static readonly byte[] Offline = Encoding.UTF8.GetBytes("offline");

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;

    public DeviceConnection(DeviceSimulator simulator, string prefix, string host, int port, string secret)
    {
        Simulator = simulator;
        Topics = DeviceTopics.For(prefix, simulator.Device);
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(simulator.Device.Id)
            .WithCredentials(simulator.Device.Id, secret)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(Topics.Status)
            .WithWillPayload(Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
    }

    public DeviceSimulator Simulator { get; }

    public RegisteredDevice Device => Simulator.Device;

    public DeviceTopics Topics { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects and announces <c>online</c>; throws when the broker refuses (e.g. bad credentials).</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"Broker refused device {Device.Id}: {result.ResultCode} {result.ReasonString}".TrimEnd());
        }

        await PublishAsync(Topics.Status, Online, retain: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes at QoS 1; returns how many the broker acknowledged.</summary>
    public async Task<int> PublishAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken cancellationToken)
    {
        var acknowledged = 0;
        foreach (var message in messages)
        {
            var topic = message.Channel == MessageChannel.Event ? Topics.Event : Topics.Telemetry;
            acknowledged += await PublishAsync(topic, message.Payload, retain: false, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return acknowledged;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await PublishAsync(Topics.Status, Offline, retain: true, timeout.Token).ConfigureAwait(false);
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException)
        {
            // Shutting down: if the broker is gone, it publishes our will instead.
        }
        finally
        {
            _client.Dispose();
        }
    }

    private async Task<bool> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        return result.IsSuccess;
    }
}
