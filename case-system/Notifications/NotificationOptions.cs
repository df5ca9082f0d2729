namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Section <c>CaseSystem:Notifications</c>. When present, every work-order change is announced on MQTT and/or to
/// webhooks (see docs/case-system.md); when absent, nothing is sent.
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "CaseSystem:Notifications";

    /// <summary>First topic level, as in the device contract (<c>pc</c>).</summary>
    public string TopicPrefix { get; set; } = "pc";

    /// <summary>The broker to publish to; null sends nothing on MQTT.</summary>
    public MqttNotificationOptions? Mqtt { get; set; }

    public IList<WebhookOptions> Webhooks { get; } = [];

    /// <summary>Notifications waiting per destination; when full, the oldest is dropped (counted and logged).</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Delivery attempts per notification and destination before it is given up with a warning.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first failed attempt; doubles each time up to <see cref="MaxRetryDelay"/>, with jitter.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Section <c>CaseSystem:Notifications:Mqtt</c>.</summary>
public sealed class MqttNotificationOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Unique per node; two nodes with one client id would keep disconnecting each other.</summary>
    public string ClientId { get; set; } = $"pc-cases-{Environment.MachineName}-{Environment.ProcessId}";

    public bool UseTls { get; set; }
}

/// <summary>One entry of <c>CaseSystem:Notifications:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>Names the webhook in logs.</summary>
    public string Name { get; set; } = "";

    public Uri? Url { get; set; }

    /// <summary>Shared secret for the HMAC-SHA256 signature; at least 16 characters.</summary>
    public string Secret { get; set; } = "";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
