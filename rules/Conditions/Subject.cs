using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Rules.Conditions;

/// <summary>What a rule judges: one device, or the selected devices of one zone or grid (aggregate rules).</summary>
internal sealed record Subject(string Id, SubjectLocation Location, Site Site, IReadOnlyList<RegisteredDevice> Devices)
{
    public SubjectObservation Observe(bool holds, DateTimeOffset at, string detail) => new(Id, Location, holds, at, detail);

    public static IReadOnlyList<Subject> PerDevice(IEnumerable<RegisteredDevice> devices) =>
        [.. devices.Select(d => new Subject(d.Id, new SubjectLocation(d.Site.Id, d.Grid.Id, d.Zone.Id, d.Id, d.Kind), d.Site, [d]))];

    /// <summary>
    /// One subject per zone (or grid) holding selected devices; its id is the zone (or grid) id, as the alarm key needs a
    /// stable name, so zone ids should be unique across grids (the sample community prefixes them with the grid).
    /// </summary>
    public static IReadOnlyList<Subject> PerGroup(IEnumerable<RegisteredDevice> devices, AggregateGrouping grouping, string? kind) =>
        [.. devices
            .GroupBy(d => grouping == AggregateGrouping.Zone ? (d.Site.Id, d.Grid.Id, d.Zone.Id) : (d.Site.Id, d.Grid.Id, (string?)null))
            .Select(g => new Subject(
                g.Key.Item3 ?? g.Key.Item2,
                new SubjectLocation(g.Key.Item1, g.Key.Item2, g.Key.Item3, null, kind),
                g.First().Site,
                [.. g]))];
}
