using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Resilience;

/// <summary>A crash in the middle of a spool append leaves a torn record; the next start replays the rest and reports it.</summary>
public sealed class TornSpoolStartupTests
{
    [Fact]
    public async Task AGatewayStartsOnASpoolWithATornTailReplaysTheEarlierRecordsAndReportsTheTornOne()
    {
        using var data = new TempDirectory("pc-torn");
        var spoolFolder = Path.Combine(data.Path, "spool");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_900_000_000);
        await WriteSpoolAsync(spoolFolder, start, records: 3);
        var segment = Directory.GetFiles(spoolFolder, "*.seg").Single();
        using (var file = File.OpenWrite(segment))
        {
            file.SetLength(file.Length - 10);
        }

        await using var gateway = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["Gateway:DataDirectory"] = data.Path });
        var spool = gateway.Services.GetRequiredService<DiskSpool>();

        Assert.Equal(1, spool.TornRecordsFound);
        await Eventually.ReturnsAsync(() => Task.FromResult(spool.IsEmpty), empty => empty);
        var stored = await gateway.Reader.RangeAsync(new SeriesFilter(Devices: ["light-n-001"]), new TimeRange(start, start.AddMinutes(1)), 100, CancellationToken.None);
        Assert.Equal([0L, 1L], stored.Select(p => p.Seq!.Value));
        Assert.Contains(gateway.Logs.Entries, e => e.Message.Contains(Path.GetFileName(segment), StringComparison.Ordinal));
    }

    private static async Task WriteSpoolAsync(string folder, DateTimeOffset start, int records)
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        await using var spool = DiskSpool.Open(new SpoolOptions { Directory = folder }, new FakeTimeProvider(start), NullLogger<DiskSpool>.Instance,
            new SpoolMetrics(meters.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        var series = new SeriesKey("light", "tianfu-park", "north", "north-street", "light-n-001");
        for (var seq = 0; seq < records; seq++)
        {
            var batch = new TelemetryBatch();
            batch.Add(series, start.AddSeconds(seq).ToUnixTimeMilliseconds(), seq, [TelemetryField.OfNumber("power_w", 40 + seq)]);
            Assert.True(await spool.TryAppendAsync(batch, CancellationToken.None));
        }
    }
}
