using System.Collections.Frozen;
using ParkCommunity.DeviceContract.Topics;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Broker;

/// <summary>
/// Who may connect, and where each may publish and subscribe. Devices own one topic tree,
/// <c>{prefix}/{site}/{kind}/{id}/…</c>, with site and kind as the registry has them; service accounts may use all of
/// <c>{prefix}/#</c>. Everything else is refused. Kept apart from MQTTnet's events so the rules read in one place.
/// </summary>
internal sealed class BrokerAccessControl
{
    private readonly CommunityRegistry _registry;
    private readonly FrozenDictionary<string, string> _serviceAccounts;

    public BrokerAccessControl(CommunityRegistry registry, string topicPrefix, IEnumerable<BrokerServiceAccount> serviceAccounts)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(serviceAccounts);
        if (!DeviceTopic.IsValidPrefix(topicPrefix))
        {
            throw new ArgumentException($"The topic prefix \"{topicPrefix}\" must be one segment matching [A-Za-z0-9_-]{{1,64}}.", nameof(topicPrefix));
        }

        _registry = registry;
        TopicPrefix = topicPrefix;
        _serviceAccounts = serviceAccounts.ToFrozenDictionary(a => a.Username, a => a.CredentialHash, StringComparer.Ordinal);
        foreach (var name in _serviceAccounts.Keys)
        {
            // A service account named like a device would make the ACL ambiguous: refuse to start instead.
            if (_registry.TryFindDevice(name, out _))
            {
                throw new InvalidOperationException(
                    $"{InProcessBrokerOptions.Section}:ServiceAccounts: \"{name}\" is also a device id in the site registry; pick another user name.");
            }
        }
    }

    public string TopicPrefix { get; }

    /// <summary>The first topic segment of devices' trees: where each device's tree starts.</summary>
    public static string DeviceRoot(string prefix, RegisteredDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return $"{prefix}/{device.Site.Id}/{device.Kind}/{device.Id}";
    }

    /// <summary>Checks a user name and password; null when either is wrong (the caller must not say which).</summary>
    public BrokerPrincipal? Authenticate(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || password is null)
        {
            return null;
        }

        if (_registry.TryFindDevice(username, out var device) && device is not null)
        {
            return DeviceCredentials.Verify(password, device.Device.CredentialHash)
                ? new BrokerPrincipal(device.Id, device) { DeviceRoot = DeviceRoot(TopicPrefix, device) }
                : null;
        }

        return _serviceAccounts.TryGetValue(username, out var hash) && DeviceCredentials.Verify(password, hash)
            ? new BrokerPrincipal(username, null)
            : null;
    }

    /// <summary>Whether <paramref name="principal"/> may publish on <paramref name="topic"/>; for devices, whether it is a device channel the sink takes.</summary>
    public PublishDecision DecidePublish(BrokerPrincipal principal, string topic)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(topic);
        if (principal.Device is not { } device)
        {
            return IsUnderPrefix(topic) ? PublishDecision.Forward : PublishDecision.Denied;
        }

        if (!IsInTree(topic, principal.DeviceRoot ?? DeviceRoot(TopicPrefix, device), isFilter: false))
        {
            return PublishDecision.Denied;
        }

        // Inside its own tree a device may publish elsewhere too (e.g. command acknowledgements); only the
        // contract's channels are device messages for ingestion.
        return DeviceTopic.TryParse(topic, TopicPrefix, out _, out _) ? PublishDecision.DeviceMessage : PublishDecision.Forward;
    }

    /// <summary>Whether <paramref name="principal"/> may subscribe to <paramref name="filter"/>.</summary>
    public bool MaySubscribe(BrokerPrincipal principal, string filter)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(filter);
        if (principal.Device is { } device)
        {
            return IsInTree(filter, DeviceRoot(TopicPrefix, device), isFilter: true);
        }

        // Several gateways or rule engines may share the load through $share/{group}/{filter}.
        if (filter.StartsWith("$share/", StringComparison.Ordinal))
        {
            var groupEnd = filter.IndexOf('/', "$share/".Length);
            if (groupEnd < 0)
            {
                return false;
            }

            filter = filter[(groupEnd + 1)..];
        }

        return IsUnderPrefix(filter);
    }

    private bool IsUnderPrefix(string topicOrFilter) =>
        topicOrFilter.Length > TopicPrefix.Length + 1
        && topicOrFilter.StartsWith(TopicPrefix, StringComparison.Ordinal)
        && topicOrFilter[TopicPrefix.Length] == '/';

    /// <summary>
    /// <paramref name="root"/> itself or anything below it. A filter may also be <c>{root}/#</c>; wildcards are only
    /// allowed after the root, so <c>pc/+/light/l1/#</c> does not count as the device's own tree.
    /// </summary>
    private static bool IsInTree(string topicOrFilter, string root, bool isFilter)
    {
        if (!topicOrFilter.StartsWith(root, StringComparison.Ordinal))
        {
            return false;
        }

        if (topicOrFilter.Length == root.Length)
        {
            return isFilter;
        }

        return topicOrFilter[root.Length] == '/' && topicOrFilter.Length > root.Length + 1;
    }
}

/// <summary>What to do with a publish.</summary>
internal enum PublishDecision
{
    /// <summary>Not the publisher's topic: refuse (MQTT 5 PUBACK NotAuthorized).</summary>
    Denied,

    /// <summary>Allowed, but not a device channel: route to subscribers only.</summary>
    Forward,

    /// <summary>A device's own telemetry, event or status: hand to ingestion, acknowledge when durable.</summary>
    DeviceMessage,
}

/// <summary>The MQTT spec's rules for strings that MQTTnet does not check itself.</summary>
internal static class MqttText
{
    /// <summary>
    /// MQTT strings must be well-formed UTF-8 without U+0000 [MQTT-1.5.4-1, MQTT-1.5.4-2]. MQTTnet decodes with
    /// replacement characters, so malformed input shows up as U+FFFD after decoding. Checking the decoded text
    /// means a client that genuinely sends U+FFFD is refused too — an accepted trade-off, since every name in the
    /// device contract is ASCII, and it spares a second UTF-8 pass over every packet in the framing layer.
    /// </summary>
    public static bool IsValid(string? text) => text is null || text.AsSpan().IndexOfAny('\uFFFD', '\0') < 0;
}
