namespace ParkCommunity.SiteRegistry;

/// <summary>A point on the map, WGS 84 degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);

/// <summary>A residential community site: the root of the site → grid → zone → device tree.</summary>
public sealed record Site(string Id, string Name, GeoPoint Location, string TimeZone, IReadOnlyList<Grid> Grids);

/// <summary>A management grid (网格): the unit crews and managers are assigned to.</summary>
public sealed record Grid(string Id, string Name, IReadOnlyList<Zone> Zones);

/// <summary>A zone inside a grid: a park, a car park, a street, a building entrance.</summary>
public sealed record Zone(string Id, string Name, IReadOnlyList<Device> Devices);

/// <summary>
/// A registered device. <see cref="CredentialHash"/> is a salted PBKDF2-SHA512 hash in mosquitto's
/// <c>$7$</c> format, so a mosquitto password file can be generated from the registry without secrets.
/// </summary>
public sealed record Device(string Id, string Kind, GeoPoint? Location, string CredentialHash, IReadOnlyDictionary<string, string> Tags);

/// <summary>A device together with where it sits in the tree, as the gateway needs it to enrich readings.</summary>
public sealed record RegisteredDevice(Site Site, Grid Grid, Zone Zone, Device Device)
{
    public string Id => Device.Id;

    public string Kind => Device.Kind;
}
