using System.Diagnostics.CodeAnalysis;

namespace ParkCommunity.SiteRegistry;

/// <summary>
/// The loaded site registry: sites → grids → zones → devices. Device ids are unique across the
/// registry (a device's MQTT username is its id), and lookups by id allocate nothing.
/// </summary>
public sealed class CommunityRegistry
{
    private readonly Dictionary<string, RegisteredDevice>.AlternateLookup<ReadOnlySpan<char>> _byId;

    /// <param name="sites">The tree; device ids must be unique across it (the loader checks this).</param>
    /// <param name="sourcePath">Where it was read from, for messages.</param>
    /// <param name="kinds">The registered kinds; the contract's four when null.</param>
    public CommunityRegistry(IReadOnlyList<Site> sites, string sourcePath = "(in memory)", IReadOnlyList<string>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(sites);
        SourcePath = sourcePath;
        Sites = sites;
        Kinds = kinds ?? DeviceContract.DeviceKinds.Known;
        Devices = [.. from site in sites from grid in site.Grids from zone in grid.Zones from device in zone.Devices
                      select new RegisteredDevice(site, grid, zone, device)];
        _byId = Devices.ToDictionary(d => d.Id, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        DemoSecretDevices = CountDemoSecrets(Devices);
    }

    public string SourcePath { get; }

    public IReadOnlyList<Site> Sites { get; }

    public IReadOnlyList<RegisteredDevice> Devices { get; }

    /// <summary>The contract's four kinds plus any the file registers under <c>kinds:</c>.</summary>
    public IReadOnlyList<string> Kinds { get; }

    /// <summary>How many devices have a secret that follows the public demo rule (checked at load).</summary>
    public int DemoSecretDevices { get; }

    public bool TryFindDevice(ReadOnlySpan<char> deviceId, [NotNullWhen(true)] out RegisteredDevice? device) =>
        _byId.TryGetValue(deviceId, out device);

    private static int CountDemoSecrets(IReadOnlyList<RegisteredDevice> devices)
    {
        // PBKDF2 per device: spread over the cores, it takes a fraction of a second for a few thousand devices.
        var count = 0;
        Parallel.ForEach(devices, device =>
        {
            if (DeviceCredentials.Verify(DemoSecrets.For(device.Id), device.Device.CredentialHash))
            {
                Interlocked.Increment(ref count);
            }
        });
        return count;
    }
}
