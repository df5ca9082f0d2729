using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>Nothing acknowledged is lost while the real InfluxDB server is down.</summary>
public sealed class StoreOutageTests
{
    private const int Devices = 500;
    private const int MessagesPerDevice = 100;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FiftyThousandMessagesSentDuringAOneMinuteInfluxDbOutageAreAllStoredAndTheSpoolDrains()
    {
        await using var influx = new InfluxDbProcess();
        await influx.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["TelemetryStore:Backend"] = "InfluxDb",
            ["TelemetryStore:InfluxDb:Url"] = influx.Url.ToString(),
            ["TelemetryStore:InfluxDb:Database"] = "outage",
            ["TelemetryStore:InfluxDb:Timeout"] = "00:00:02",
        });
        var spool = gateway.Services.GetRequiredService<DiskSpool>();
        var devices = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.Take(Devices).ToList();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_300_000_000);

        await influx.KillAsync();
        var down = System.Diagnostics.Stopwatch.StartNew();
        var failures = await SampleFleet.PublishReadingsAsync(devices, gateway.BrokerPort, MessagesPerDevice, start);

        Assert.Equal(0, failures);
        Assert.False(spool.IsEmpty, "the store was down, so acknowledged messages must be in the spool");

        if (down.Elapsed < Outage)
        {
            await Task.Delay(Outage - down.Elapsed);
        }

        await influx.StartAsync();
        await Eventually.ReturnsAsync(() => Task.FromResult(spool.IsEmpty), empty => empty, TimeSpan.FromSeconds(120));
        var stored = await gateway.Reader.CountAsync(SeriesFilter.All, new TimeRange(start, start.AddSeconds(MessagesPerDevice)), CancellationToken.None);
        Assert.Equal(Devices * MessagesPerDevice, stored);
    }
}
