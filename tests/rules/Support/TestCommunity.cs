using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Rules.Tests.Support;

/// <summary>
/// A small community in Chengdu's time zone: grid north with a street (light-1, light-2), a park (park-1, park-2), a
/// car park (spot-1..spot-3) and an entrance (door-1); grid south with a park (park-3) and a car park (spot-4).
/// </summary>
internal static class TestCommunity
{
    public const string Site = "tianfu";

    public static CommunityRegistry Create() => new(
        [new Site(Site, "Test site", new GeoPoint(30.66, 104.06), "Asia/Shanghai",
        [
            new Grid("north", "North",
            [
                new Zone("north-street", "Street", [Device("light-1", "light"), Device("light-2", "light")]),
                new Zone("north-park", "Park", [Device("park-1", "park"), Device("park-2", "park")]),
                new Zone("north-carpark", "Car park", [Device("spot-1", "parking"), Device("spot-2", "parking"), Device("spot-3", "parking")]),
                new Zone("north-entrances", "Entrances", [Device("door-1", "access")]),
            ]),
            new Grid("south", "South",
            [
                new Zone("south-park", "Park", [Device("park-3", "park")]),
                new Zone("south-carpark", "Car park", [Device("spot-4", "parking")]),
            ]),
        ])],
        "test-community");

    private static Device Device(string id, string kind) => new(id, kind, null, "", new Dictionary<string, string>());
}
