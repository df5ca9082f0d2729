using Microsoft.Extensions.Logging;

namespace ParkCommunity.Gateway.Broker;

/// <summary>The broker's log messages, event ids 2100–2199.</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "MQTT broker listening on {Endpoint} (max packet {MaxPacketSize} bytes, {ServiceAccounts} service accounts)")]
    public static partial void Listening(ILogger logger, string endpoint, int maxPacketSize, int serviceAccounts);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Refused connection of client {ClientId} as {Username} from {Endpoint}: {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string clientId, string? username, string? endpoint, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Refused publish of {Username} on {Topic}: {Reason}")]
    public static partial void PublishDenied(ILogger logger, string username, string topic, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Refused subscription of {Username} to {TopicFilter}: {Reason}")]
    public static partial void SubscriptionDenied(ILogger logger, string username, string topicFilter, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Closed connection from {Endpoint}: a packet declared at least {DeclaredBytes} bytes, more than the {MaxPacketSize} allowed")]
    public static partial void PacketTooLarge(ILogger logger, string? endpoint, long declaredBytes, int maxPacketSize);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "Closed connection from {Endpoint}: malformed fixed header (remaining length longer than four bytes)")]
    public static partial void MalformedHeader(ILogger logger, string? endpoint);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Closed connection of {ClientId}: {What} is not valid UTF-8 or contains U+0000 [MQTT-1.5.4-1, MQTT-1.5.4-2]")]
    public static partial void InvalidUtf8(ILogger logger, string clientId, string what);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Error, Message = "Ingestion did not take the message of {DeviceId} on {Topic}; not acknowledged, the device will retry")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string deviceId, string topic);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "Dropped a message on {Topic} from {SenderClientId} for {ReceiverClientId}: its queue is full (Gateway:Broker:MaxPendingMessagesPerClient)")]
    public static partial void MessageDropped(ILogger logger, string topic, string senderClientId, string receiverClientId);

    [LoggerMessage(EventId = 2109, Level = LogLevel.Error, Message = "Error on a broker connection from {Endpoint}")]
    public static partial void ConnectionError(ILogger logger, Exception exception, string? endpoint);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Closed connection of {ClientId}: no packet for {SilentSeconds:F1} s, over 1.5 × its keep-alive of {KeepAliveSeconds} s [MQTT-3.1.2-24]")]
    public static partial void KeepAliveExpired(ILogger logger, string clientId, double silentSeconds, int keepAliveSeconds);

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "MQTT broker stopped")]
    public static partial void Stopped(ILogger logger);
}
