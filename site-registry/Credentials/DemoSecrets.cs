namespace ParkCommunity.SiteRegistry;

/// <summary>
/// The sample community's PUBLIC demo rule: a device's secret is <c>demo-</c> + its id, so anyone can
/// publish as a sample device. The platform warns loudly whenever devices with such secrets are registered.
/// </summary>
public static class DemoSecrets
{
    public const string Prefix = "demo-";

    public static string For(string deviceId) => Prefix + deviceId;
}
