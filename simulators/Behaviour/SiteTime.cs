using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Simulators.Behaviour;

/// <summary>Where and in which time zone a device lives: behaviour follows local clock time and the local sun.</summary>
internal sealed class SiteTime
{
    /// <summary>Chengdu, the sample community's city, for sites registered without coordinates.</summary>
    public static readonly GeoPoint DefaultLocation = new(30.66, 104.06);

    private readonly TimeZoneInfo _zone;

    public SiteTime(GeoPoint location, string? timeZone)
    {
        Location = location;
        _zone = FindZone(timeZone, location.Longitude);
    }

    public GeoPoint Location { get; }

    public static SiteTime For(Site site) =>
        new(site.Location is { Latitude: 0, Longitude: 0 } ? DefaultLocation : site.Location, site.TimeZone);

    public DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).DateTime;

    public double SunElevation(DateTimeOffset at) => SolarPosition.ElevationDegrees(at, Location.Latitude, Location.Longitude);

    private static TimeZoneInfo FindZone(string? id, double longitude)
    {
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        // Without a known zone the nautical zone of the longitude is close enough for daily rhythms.
        var hours = Math.Round(longitude / 15);
        return TimeZoneInfo.CreateCustomTimeZone($"UTC{hours:+0;-0}", TimeSpan.FromHours(hours), null, null);
    }
}
