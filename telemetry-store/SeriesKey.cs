namespace ParkCommunity.TelemetryStore;

/// <summary>
/// Where a reading belongs: measurement = device kind; tags = site, grid, zone, device.
/// One instance per device, made once by whoever enriches readings and shared by all its points,
/// so per-series work (the escaped line-protocol prefix) is done once per device.
/// </summary>
public sealed class SeriesKey(string kind, string site, string grid, string zone, string device)
{
    public string Kind { get; } = kind;
    public string Site { get; } = site;
    public string Grid { get; } = grid;
    public string Zone { get; } = zone;
    public string Device { get; } = device;

    /// <summary>The line-protocol encoder caches the escaped "measurement,tags" prefix here: set once, read for every point.</summary>
    internal byte[]? EncodedLineProtocolSeries { get; set; }

    public override string ToString() => $"{Kind},site={Site},grid={Grid},zone={Zone},device={Device}";
}
