using Microsoft.Extensions.Options;

namespace ParkCommunity.Gateway.ExternalBroker;

/// <summary>Section <c>Gateway:ExternalBroker</c>, used when <c>Gateway:BrokerMode</c> is External.</summary>
public sealed class ExternalBrokerOptions
{
    public const string Section = "Gateway:ExternalBroker";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Must be stable across restarts: the broker keeps this client's persistent session (and its unacknowledged messages) by it.</summary>
    public string ClientId { get; set; } = "pc-gateway-1";

    /// <summary>When set, several gateways share the load through <c>$share/{group}/…</c> (MQTT 5 shared subscription).</summary>
    public string? SharedSubscriptionGroup { get; set; }

    /// <summary>How long the broker keeps the session (and queued QoS 1 messages) while the gateway is away.</summary>
    public TimeSpan SessionExpiry { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many messages the broker may send before the gateway acknowledges (MQTT 5 Receive Maximum).</summary>
    public int ReceiveMaximum { get; set; } = 2_000;

    public bool UseTls { get; set; }
}

internal sealed class ExternalBrokerOptionsValidator : IValidateOptions<ExternalBrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, ExternalBrokerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add("Gateway:ExternalBroker:Host must name the broker's host.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Gateway:ExternalBroker:Port must be 1–65535 (was {options.Port}).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Gateway:ExternalBroker:ClientId must be set: the persistent session is kept under it.");
        }

        if (options.SharedSubscriptionGroup is { } group && (group.Length == 0 || group.AsSpan().IndexOfAny("/+#") >= 0))
        {
            failures.Add($"Gateway:ExternalBroker:SharedSubscriptionGroup must be one topic level without '/', '+' or '#' (was \"{group}\").");
        }

        if (options.ReceiveMaximum is < 1 or > 65535)
        {
            failures.Add($"Gateway:ExternalBroker:ReceiveMaximum must be 1–65535 (was {options.ReceiveMaximum}).");
        }

        if (options.SessionExpiry < TimeSpan.Zero)
        {
            failures.Add("Gateway:ExternalBroker:SessionExpiry must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
