using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Simulators.Mqtt;

/// <summary>The three topics of one device, formatted once.</summary>
internal sealed record DeviceTopics(string Telemetry, string Event, string Status)
{
    public static DeviceTopics For(string prefix, RegisteredDevice device) => new(
        Format(prefix, device, "telemetry"),
        Format(prefix, device, "event"),
        Format(prefix, device, "status"));

    private static string Format(string prefix, RegisteredDevice device, string channel) =>
        $"{prefix}/{device.Site.Id}/{device.Kind}/{device.Id}/{channel}";
}
