using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Publishes notifications at QoS 1 to the topics of <see cref="NotificationTopics"/>. Connects on first use and again
/// after any disconnect; a failed connect fails the delivery, so the dispatcher's backoff paces the reconnects.
/// Only the dispatcher's single loop for this sink calls it, so no locking is needed.
/// </summary>
internal sealed class MqttNotificationSink(MqttNotificationOptions options, string topicPrefix, ILogger<MqttNotificationSink> logger)
    : INotificationSink, IDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    public string Name { get; } = $"mqtt {options.Host}:{options.Port}";

    public async Task DeliverAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var topic in NotificationTopics.For(topicPrefix, notification.Change))
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(notification.Body)
                .WithContentType("application/json")
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"The broker refused the publish to {topic}: {result.ReasonCode} {result.ReasonString}");
            }
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (options.Username is { Length: > 0 } user)
        {
            builder.WithCredentials(user, options.Password);
        }

        if (options.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls());
        }

        var result = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"The broker {options.Host}:{options.Port} refused the connection: {result.ResultCode} {result.ReasonString}");
        }

        logger.MqttConnected(options.Host, options.Port);
    }

    public void Dispose() => _client.Dispose();
}
