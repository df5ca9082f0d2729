using ParkCommunity.SiteRegistry;

namespace ParkCommunity.Gateway.Tests.Broker;

/// <summary>A community of one site with three devices; each device's secret is <c>secret-{id}</c>.</summary>
internal static class BrokerTestRegistry
{
    public const string Site = "s1";

    public static string SecretOf(string deviceId) => "secret-" + deviceId;

    public static CommunityRegistry Create()
    {
        var devices = new[] { ("l1", "light"), ("l2", "light"), ("p1", "parking") }
            .Select(d => new Device(d.Item1, d.Item2, null, MosquittoHash.Of(SecretOf(d.Item1)), new Dictionary<string, string>()))
            .ToList();
        var site = new Site(Site, "Test site", new GeoPoint(31.2, 121.5), "Asia/Shanghai",
            [new Grid("g1", "Grid 1", [new Zone("z1", "Zone 1", devices)])]);
        return new CommunityRegistry([site]);
    }
}
