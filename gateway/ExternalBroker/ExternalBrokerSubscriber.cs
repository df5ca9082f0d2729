using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using ParkCommunity.DeviceContract.Topics;
using ParkCommunity.Gateway.Hosting;
using ParkCommunity.Gateway.Ingestion;

namespace ParkCommunity.Gateway.ExternalBroker;

/// <summary>
/// Takes device messages from an external broker: a persistent session (clean start off, long session
/// expiry) with a QoS 1 subscription, and manual acknowledgement — each PUBACK is sent only once the
/// message is durable, so what the gateway has not stored stays with the broker through a gateway crash.
/// Messages are handed to ingestion without waiting, so one slow commit does not stall the receive loop;
/// acknowledgements follow as their group commits complete, which is in arrival order.
/// </summary>
internal sealed partial class ExternalBrokerSubscriber(
    IDeviceMessageSink sink,
    IOptions<ExternalBrokerOptions> options,
    IOptions<GatewayOptions> gatewayOptions,
    TimeProvider time,
    ILogger<ExternalBrokerSubscriber> logger) : BackgroundService
{
    private readonly ExternalBrokerOptions _options = options.Value;
    private IMqttClient? _client;

    public string TopicFilter => _options.SharedSubscriptionGroup is { } group
        ? $"$share/{group}/{DeviceTopic.AllFilter(gatewayOptions.Value.TopicPrefix)}"
        : DeviceTopic.AllFilter(gatewayOptions.Value.TopicPrefix);

    /// <summary>Connects and subscribes before the gateway counts as started: an unreachable broker stops start-up with a clear error.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        try
        {
            await ConnectAndSubscribeAsync(_client, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or TimeoutException or OperationCanceledException)
        {
            _client.Dispose();
            _client = null;
            throw new InvalidOperationException(
                $"Cannot connect to the external MQTT broker at {_options.Host}:{_options.Port} (Gateway:ExternalBroker): {ex.Message}", ex);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keeps the session connected; after a reconnect the broker delivers what it held for us.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = _client!;
        try
        {
            for (var attempt = 0; ; )
            {
                await Task.Delay(attempt == 0 ? TimeSpan.FromSeconds(1) : Backoff.Delay(attempt, TimeSpan.FromSeconds(10)), time, stoppingToken).ConfigureAwait(false);
                if (client.IsConnected)
                {
                    attempt = 0;
                    continue;
                }

                try
                {
                    await ConnectAndSubscribeAsync(client, stoppingToken).ConfigureAwait(false);
                    attempt = 0;
                }
                catch (Exception ex) when (ex is MqttCommunicationException or TimeoutException or InvalidOperationException
                                           || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
                {
                    attempt++;
                    LogConnectFailed(logger, _options.Host, _options.Port, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private async Task ConnectAndSubscribeAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var result = await client.ConnectAsync(BuildConnectOptions(), cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        // A present session already holds our subscription and whatever arrived while we were away.
        if (!result.IsSessionPresent)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(TopicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                .Build();
            await client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
        }

        LogConnected(logger, _options.Host, _options.Port, TopicFilter, result.IsSessionPresent);
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var accepted = sink.AcceptAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, authenticatedDevice: null, CancellationToken.None);
        _ = AcknowledgeWhenDurableAsync(e, accepted);
        return Task.CompletedTask;
    }

    private async Task AcknowledgeWhenDurableAsync(MqttApplicationMessageReceivedEventArgs e, ValueTask accepted)
    {
        try
        {
            await accepted.ConfigureAwait(false);
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not acknowledged: the broker redelivers it with the session after the next reconnect.
            LogNotAcknowledged(logger, ex, e.ApplicationMessage.Topic);
        }
    }

    private MqttClientOptions BuildConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.ReceiveMaximum)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (_options.Username is { Length: > 0 } user)
        {
            builder.WithCredentials(user, _options.Password);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        return builder.Build();
    }

    public override void Dispose()
    {
        _client?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Connected to external broker {Host}:{Port}, subscribed to {Filter} (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string host, int port, string filter, bool sessionPresent);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Cannot reach external broker {Host}:{Port}, retrying: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, string host, int port, string reason);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "Message on {Topic} not acknowledged; the broker will redeliver it")]
    private static partial void LogNotAcknowledged(ILogger logger, Exception exception, string topic);
}
