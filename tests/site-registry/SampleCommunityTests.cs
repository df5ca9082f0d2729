using ParkCommunity.TestSupport;

namespace ParkCommunity.SiteRegistry.Tests;

public sealed class SampleCommunityTests
{
    private static readonly CommunityRegistry Sample = RegistryLoader.Load(RepositoryRoot.SampleRegistry);

    [Fact]
    public void TheSampleCommunityHasOneSiteThreeGridsAndAboutSixHundredDevicesOfEveryKind()
    {
        var site = Assert.Single(Sample.Sites);
        Assert.Equal("tianfu-park", site.Id);
        Assert.Equal(["north", "central", "south"], site.Grids.Select(g => g.Id));
        Assert.All(site.Grids, g => Assert.True(g.Zones.Count >= 3));
        var perKind = Sample.Devices.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(300, perKind["light"]);
        Assert.Equal(90, perKind["park"]);
        Assert.Equal(150, perKind["parking"]);
        Assert.Equal(60, perKind["access"]);
    }

    [Fact]
    public void EverySampleDeviceUsesTheDemoSecretRuleSoThePlatformCanWarnAboutIt()
    {
        Assert.Equal(Sample.Devices.Count, Sample.DemoSecretDevices);
        var device = Sample.Devices[0];
        Assert.True(DeviceCredentials.Verify(DemoSecrets.For(device.Id), device.Device.CredentialHash));
    }

    [Fact]
    public void DevicesAreFoundByIdWithTheirPlaceInTheTree()
    {
        Assert.True(Sample.TryFindDevice("parking-s-007".AsSpan(), out var device));
        Assert.Equal("parking", device.Kind);
        Assert.Equal("south", device.Grid.Id);
        Assert.Equal("south-carpark", device.Zone.Id);
        Assert.False(Sample.TryFindDevice("no-such-device".AsSpan(), out _));
    }
}
