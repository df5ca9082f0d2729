using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Broker;

/// <summary>Who a connection authenticated as: a registered device, or a service account when <see cref="Device"/> is null.</summary>
internal sealed record BrokerPrincipal(string Username, RegisteredDevice? Device)
{
    /// <summary>A device's topic tree root, <c>{prefix}/{site}/{kind}/{id}</c>, built once at authentication: the ACL checks it on every publish.</summary>
    public string? DeviceRoot { get; init; }

    public bool IsServiceAccount => Device is null;
}
