using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Ingestion;

/// <summary>The whole path for real: devices → in-process broker → gateway → the real InfluxDB server.</summary>
public sealed class BulkIngestionTests
{
    private const int Devices = 500;
    private const int MessagesPerDevice = 200;

    [Fact]
    public async Task HundredThousandMessagesFromFiveHundredDevicesBecomeExactlyHundredThousandPoints()
    {
        var database = TestServers.UniqueName("bulk");
        await using var gateway = await GatewayHost.StartAsync(GatewayHost.InfluxDbSettings(database));
        var devices = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.Take(Devices).ToList();
        Assert.Equal(Devices, devices.Count);
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000);

        var failures = await SampleFleet.PublishReadingsAsync(devices, gateway.BrokerPort, MessagesPerDevice, start);

        Assert.Equal(0, failures);
        var stored = await gateway.Reader.CountAsync(SeriesFilter.All, new TimeRange(start, start.AddSeconds(MessagesPerDevice)), CancellationToken.None);
        Assert.Equal(Devices * MessagesPerDevice, stored);
        Assert.Empty(gateway.Logs.Errors);
    }
}
