using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Registry;

/// <summary>The contract's JSON shapes for registry objects.</summary>
internal static class DeviceJson
{
    public static object? Location(GeoPoint? point) => point is { } p ? new { lat = p.Latitude, lon = p.Longitude } : null;

    public static object Of(DeviceSnapshot snapshot)
    {
        var device = snapshot.Device;
        return new
        {
            id = device.Id,
            kind = device.Kind,
            site = device.Site.Id,
            grid = device.Grid.Id,
            zone = device.Zone.Id,
            location = Location(device.Device.Location),
            status = snapshot.Status,
            lastSeen = snapshot.LastSeen,
            latest = snapshot.Latest,
        };
    }
}
