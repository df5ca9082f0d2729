using ParkCommunity.Gateway.DeviceStatus;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// A device as ingestion needs it: its series keys for telemetry and events (made once, shared by
/// every point), its registry entry if it has one, and its liveness state.
/// </summary>
public sealed class DevicePlacement
{
    public const string Unassigned = "unassigned";

    private DevicePlacement(string id, string site, string kind, string grid, string zone, RegisteredDevice? registered)
    {
        Registered = registered;
        Telemetry = new SeriesKey(kind, site, grid, zone, id);
        Events = new SeriesKey(EventMeasurement(kind), site, grid, zone, id);
        State = new DeviceState(id, site, kind);
    }

    public RegisteredDevice? Registered { get; }

    public SeriesKey Telemetry { get; }

    /// <summary>Device events are stored beside telemetry in measurement <c>{kind}_events</c>.</summary>
    public SeriesKey Events { get; }

    public DeviceState State { get; }

    public string DeviceId => Telemetry.Device;

    public static string EventMeasurement(string kind) => kind + "_events";

    public static DevicePlacement Of(RegisteredDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new DevicePlacement(device.Id, device.Site.Id, device.Kind, device.Grid.Id, device.Zone.Id, device);
    }

    public static DevicePlacement OfUnassigned(string id, string site, string kind) =>
        new(id, site, kind, Unassigned, Unassigned, null);
}
