using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Broker;

/// <summary>Who a connection authenticated as: a registered device, or a service account when <see cref="Device"/> is null.</summary>
internal sealed record BrokerPrincipal(string Username, RegisteredDevice? Device)
{
    public bool IsServiceAccount => Device is null;
}
