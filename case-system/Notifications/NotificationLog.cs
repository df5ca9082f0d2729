using Microsoft.Extensions.Logging;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>Notification log messages; event ids 5100–5199.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(5100, LogLevel.Warning,
        "Notification queue for {Destination} is full ({Capacity}); dropped the oldest ({Event} of work order {WorkOrderId}); {Dropped} dropped so far")]
    public static partial void NotificationDropped(
        this ILogger logger, string destination, int capacity, string @event, string workOrderId, long dropped);

    [LoggerMessage(5101, LogLevel.Information, "Delivering {Event} of work order {WorkOrderId} to {Destination} failed (attempt {Attempt} of {MaxAttempts}), retrying in {Delay}: {Reason}")]
    public static partial void DeliveryRetrying(
        this ILogger logger, string destination, string @event, string workOrderId, int attempt, int maxAttempts, TimeSpan delay, string reason);

    [LoggerMessage(5102, LogLevel.Warning, "Gave up delivering {Event} of work order {WorkOrderId} to {Destination} after {Attempts} attempts: {Reason}")]
    public static partial void DeliveryGivenUp(this ILogger logger, string destination, string @event, string workOrderId, int attempts, string reason);

    [LoggerMessage(5103, LogLevel.Information, "Connected to MQTT broker {Host}:{Port} for work-order notifications")]
    public static partial void MqttConnected(this ILogger logger, string host, int port);

    [LoggerMessage(5104, LogLevel.Error, "Notification delivery to {Destination} stopped unexpectedly")]
    public static partial void DeliveryLoopFailed(this ILogger logger, Exception exception, string destination);
}
