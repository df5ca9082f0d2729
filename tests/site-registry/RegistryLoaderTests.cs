namespace ParkCommunity.SiteRegistry.Tests;

public sealed class RegistryLoaderTests
{
    private static readonly string Credential = DeviceCredentials.Hash("s3cret", iterations: 10);

    [Fact]
    public void AWellFormedFileLoadsWithDefaults()
    {
        var registry = RegistryLoader.Parse(Registry(Device("lamp-1", "light")), "registry.yaml");

        var device = Assert.Single(registry.Devices);
        Assert.Equal("Asia/Shanghai", device.Site.TimeZone);
        Assert.Equal(new GeoPoint(30.66, 104.06), device.Site.Location);
        Assert.Equal("z1", device.Zone.Name);
        Assert.Equal(0, registry.DemoSecretDevices);
    }

    [Theory]
    [InlineData("lamp", "registry.yaml:11:23: device \"lamp-1\": kind \"lamp\" is not a registered kind (light, park, parking, access)")]
    [InlineData("light\n                colour: red", "registry.yaml:12:17: a device: unknown key \"colour\"")]
    public void AProblemIsReportedWithFileLineAndColumn(string kind, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => RegistryLoader.Parse(Registry(Device("lamp-1", kind)), "registry.yaml"));

        Assert.StartsWith(expected, Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemOfAFileIsReportedAtOnce()
    {
        var yaml = Registry(Device("lamp-1", "lamp") + Device("lamp-1", "light") + Device("bad id!", "light"));

        var error = Assert.Throws<RegistryException>(() => RegistryLoader.Parse(yaml, "r.yaml"));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("kind \"lamp\"", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("registered twice (first at line 10)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("\"bad id!\" must match", StringComparison.Ordinal));
    }

    [Fact]
    public void APlainSecretInsteadOfAHashIsRefused()
    {
        var yaml = Registry(Device("lamp-1", "light").Replace(Credential, "demo-lamp-1", StringComparison.Ordinal));

        var error = Assert.Throws<RegistryException>(() => RegistryLoader.Parse(yaml, "r.yaml"));

        Assert.Contains("never a plain secret", Assert.Single(error.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsPosition()
    {
        var error = Assert.Throws<RegistryException>(() => RegistryLoader.Parse("sites:\n  - id: [unclosed\n", "r.yaml"));

        Assert.Matches(@"^r\.yaml:\d+:\d+: not valid YAML", Assert.Single(error.Problems));
    }

    [Fact]
    public void AnUnknownTimeZoneAndAnImpossibleLatitudeAreRefused()
    {
        var yaml = Registry(Device("lamp-1", "light"))
            .Replace("lat: 30.66", "lat: 130.66", StringComparison.Ordinal)
            .Replace("Asia/Shanghai", "Asia/Atlantis", StringComparison.Ordinal);

        var error = Assert.Throws<RegistryException>(() => RegistryLoader.Parse(yaml, "r.yaml"));

        Assert.Contains(error.Problems, p => p.Contains("\"Asia/Atlantis\" is not a known IANA time zone", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("latitude must be a number from -90 to 90", StringComparison.Ordinal));
    }

    [Fact]
    public void KindsRegisteredInTheFileCanBeUsed()
    {
        var yaml = "kinds: [bench]\n" + Registry(Device("bench-1", "bench"));

        var registry = RegistryLoader.Parse(yaml, "r.yaml");

        Assert.Contains("bench", registry.Kinds);
        Assert.Equal("bench", Assert.Single(registry.Devices).Kind);
    }

    private static string Registry(string devices) => $"""
        sites:
          - id: s1
            location: {"{"} lat: 30.66, lon: 104.06 {"}"}
            timezone: Asia/Shanghai
            grids:
              - id: g1
                zones:
                  - id: z1
                    devices:
        {devices}
        """;

    private static string Device(string id, string kind) => $"""
                      - id: {id}
                        kind: {kind}
                        credential: "{Credential}"

        """;
}
