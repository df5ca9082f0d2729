namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>A notification ready to send: the change, its JSON body (serialised once), and an id that stays the same across retries.</summary>
internal sealed record Notification(WorkOrderChange Change, byte[] Body, Guid DeliveryId);

/// <summary>One destination of notifications (the MQTT broker, one webhook). Throws when delivery failed; the caller retries.</summary>
internal interface INotificationSink
{
    /// <summary>Names the destination in logs and metrics, e.g. <c>webhook city-dashboard</c>.</summary>
    string Name { get; }

    Task DeliverAsync(Notification notification, CancellationToken cancellationToken);
}
