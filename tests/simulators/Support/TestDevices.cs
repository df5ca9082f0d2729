using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Simulators.Tests.Support;

/// <summary>Registry records for a Chengdu community, built in code so tests do not depend on the sample file.</summary>
internal static class TestDevices
{
    public static readonly Site Chengdu = new("tianfu-park", "Tianfu Park", new GeoPoint(30.66, 104.06), "Asia/Shanghai", []);

    private static readonly Grid Grid = new("grid-1", "Grid 1", []);
    private static readonly Zone Zone = new("zone-1", "Zone 1", []);

    public static RegisteredDevice Device(string id, string kind, IReadOnlyDictionary<string, string>? tags = null) =>
        new(Chengdu, Grid, Zone, new Device(id, kind, null, "", tags ?? new Dictionary<string, string>()));

    public static List<RegisteredDevice> Many(string kind, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Device($"{kind}-{i:D4}", kind))];

    /// <summary>Chengdu local time (UTC+8, no daylight saving) as an instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));
}
