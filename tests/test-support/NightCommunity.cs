using System.Globalization;
using System.Text;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.TestSupport;

/// <summary>
/// A small community written as a registry file, placed on the globe where it is local solar midnight at the time
/// given, so simulated street lights are lit whenever the test runs (lamp faults only show while a lamp is lit).
/// Grids <c>north</c> and <c>south</c> — the grids of the sample crew roster — each with a street of lights, a car park,
/// a pocket park and an entrance; every device's secret follows the demo rule.
/// </summary>
public static class NightCommunity
{
    public const string Site = "night-park";

    public static readonly IReadOnlyList<(string Grid, string Zone, string Kind, string[] Devices)> Layout =
    [
        ("north", "north-street", "light", ["light-n-001", "light-n-002", "light-n-003"]),
        ("north", "north-park", "park", ["park-n-01"]),
        ("north", "north-carpark", "parking", ["parking-n-001", "parking-n-002"]),
        ("north", "north-entrances", "access", ["access-n-01"]),
        ("south", "south-street", "light", ["light-s-001", "light-s-002"]),
        ("south", "south-carpark", "parking", ["parking-s-001"]),
    ];

    /// <summary>Writes the registry to <paramref name="path"/> for a run starting at <paramref name="now"/>.</summary>
    public static string WriteRegistry(string path, DateTimeOffset now)
    {
        // Local solar time ≈ UTC + longitude / 15 h; midnight there is where longitude = −15° × UTC hour.
        var utcHours = now.UtcDateTime.TimeOfDay.TotalHours;
        var longitude = -15 * utcHours;
        if (longitude < -180)
        {
            longitude += 360;
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $$"""
            # Test community at local solar midnight for {{now:O}}; written by NightCommunity.
            sites:
              - id: {{Site}}
                name: Night Park
                location: { lat: 30.0, lon: {{longitude:F4}} }
                timezone: Asia/Shanghai
                grids:
            """);
        foreach (var grid in Layout.GroupBy(z => z.Grid))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"      - id: {grid.Key}\n        name: {grid.Key}\n        zones:");
            foreach (var zone in grid)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"          - id: {zone.Zone}\n            name: {zone.Zone}\n            devices:");
                foreach (var device in zone.Devices)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"              - id: {device}\n                kind: {zone.Kind}\n                credential: \"{DeviceCredentials.Hash(DemoSecrets.For(device))}\"");
                }
            }
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
