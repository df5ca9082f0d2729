using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.InfluxDb.LineProtocol;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.TelemetryStore.Tests.LineProtocol;

public sealed class LineProtocolAllocationTests
{
    [Fact]
    public void EncodingAWarmBatchAllocatesNothing()
    {
        const int Points = 1_000;
        var series = Enumerable.Range(0, 50)
            .Select(i => new SeriesKey("light", "天府-park", $"grid {i % 3}", $"zone,{i % 7}", $"lamp-{i}"))
            .ToArray();
        var batch = new TelemetryBatch(Points);
        for (var i = 0; i < Points; i++)
        {
            batch.Add(series[i % series.Length], 1_764_348_240_123L + i, i % 2 == 0 ? i : null,
            [
                TelemetryField.OfNumber("power_w", 41.5 + i),
                TelemetryField.OfNumber("dim_pct", i % 100),
                TelemetryField.OfBoolean("on", i % 3 == 0),
                TelemetryField.OfText("mode", "auto \"eco\" 停车"),
                TelemetryField.OfNumber("lux", 1.0 / (i + 1)),
            ]);
        }

        using var output = new PooledBufferWriter(1024);
        var rejected = new List<RejectedPoint>();

        // Warm-up: series prefixes get cached, the buffer grows to the batch size, the JIT settles.
        for (var round = 0; round < 3; round++)
        {
            output.Reset();
            LineProtocolEncoder.AppendBatch(batch, output, rejected);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var written = 0;
        for (var round = 0; round < 10; round++)
        {
            output.Reset();
            written += LineProtocolEncoder.AppendBatch(batch, output, rejected);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10 * Points, written);
        Assert.Empty(rejected);
        Assert.Equal(0, allocated);
    }
}
