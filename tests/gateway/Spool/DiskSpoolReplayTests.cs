using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Tests.Spool;

public sealed class DiskSpoolReplayTests : IDisposable
{
    private readonly SpoolTestBed _bed = new();

    [Fact]
    public async Task ASpooledBatchIsReplayedWithEveryFieldExactlyAsAppended()
    {
        var lamp = new SeriesKey("light", "site-a", "grid-1", "zone-1", "lamp-1");
        var gate = new SeriesKey("access", "Zoë-park", "grid ☀", "zone 路灯", "gate-🚦");
        var batch = new TelemetryBatch();
        batch.Add(lamp, 1_764_348_240_123, 42, [
            TelemetryField.OfNumber("power_w", 41.5),
            TelemetryField.OfNumber("dim_pct", -0.0),
            TelemetryField.OfNumber("lux", double.Epsilon),
            TelemetryField.OfNumber("energy", double.MaxValue),
            TelemetryField.OfBoolean("on", true),
            TelemetryField.OfBoolean("fault", false),
            TelemetryField.OfText("mode", "auto"),
        ]);
        batch.Add(gate, -5, null, [
            TelemetryField.OfText("holder", "Zoë ☀ 路灯 🚦"),
            TelemetryField.OfText("empty", ""),
            new TelemetryField("unset", FieldType.Text, 0, false, null),
        ]);
        batch.Add(lamp, long.MaxValue, long.MinValue, [TelemetryField.OfNumber("power_w", 1e-300)]);
        await using var spool = _bed.Open();

        Assert.True(await spool.TryAppendAsync(batch, CancellationToken.None));
        var replayed = await SpoolTestBed.DrainAsync(spool);

        Assert.Equal(SpoolTestBed.Describe(batch), Assert.Single(replayed));
        Assert.True(spool.IsEmpty);
    }

    [Fact]
    public async Task ReplayedBatchesShareOneSeriesKeyPerSeriesLikeTheOriginal()
    {
        await using var spool = _bed.Open();
        await spool.TryAppendAsync(SpoolTestBed.Batch(1, points: 3), CancellationToken.None);

        var sameSeries = false;
        await spool.TryReplayOldestAsync((batch, _) =>
        {
            sameSeries = ReferenceEquals(batch.Points[0].Series, batch.Points[2].Series);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.True(sameSeries);
    }

    [Fact]
    public async Task BatchesAreReplayedInAppendOrderAcrossSegmentRolls()
    {
        using var bed = new SpoolTestBed(segmentBytes: 4096);
        await using var spool = bed.Open();
        for (var n = 1; n <= 12; n++)
        {
            Assert.True(await spool.TryAppendAsync(SpoolTestBed.Batch(n, padding: 1000), CancellationToken.None));
        }

        Assert.True(bed.SegmentFiles.Count >= 3, $"expected several segments, found {bed.SegmentFiles.Count}");
        var replayed = await SpoolTestBed.DrainAsync(spool);

        Assert.Equal([.. Enumerable.Range(1, 12).Select(n => $"lamp-{n}")], SpoolTestBed.Devices(replayed));
        Assert.Empty(bed.SegmentFiles);
        Assert.Equal(12, bed.Counter("pc.gateway.spool.appended"));
        Assert.Equal(12, bed.Counter("pc.gateway.spool.replayed"));
    }

    [Fact]
    public async Task WhenTheStoreIsStillDownReplayConsumesNothing()
    {
        await using var spool = _bed.Open();
        await spool.TryAppendAsync(SpoolTestBed.Batch(1), CancellationToken.None);
        await spool.TryAppendAsync(SpoolTestBed.Batch(2), CancellationToken.None);
        var bytes = spool.PendingBytes;

        await Assert.ThrowsAsync<TelemetryStoreUnavailableException>(async () =>
            await spool.TryReplayOldestAsync((_, _) => throw new TelemetryStoreUnavailableException("connection refused"), CancellationToken.None));

        Assert.Equal(2, spool.PendingRecords);
        Assert.Equal(bytes, spool.PendingBytes);
        Assert.Equal(["lamp-1", "lamp-2"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));
    }

    [Fact]
    public async Task ReplayOfAnEmptySpoolReportsNothingPending()
    {
        await using var spool = _bed.Open();

        var replayed = await spool.TryReplayOldestAsync((_, _) => throw new InvalidOperationException("must not be called"), CancellationToken.None);

        Assert.False(replayed);
        Assert.True(spool.IsEmpty);
    }

    [Fact]
    public async Task AfterReopeningTheRestIsReplayedAndFinishedSegmentsAreNotReplayedAgain()
    {
        // Each batch fills a segment of its own, so replaying one finishes (and deletes) its segment.
        using var bed = new SpoolTestBed(segmentBytes: 4096);
        await using (var first = bed.Open())
        {
            for (var n = 1; n <= 5; n++)
            {
                await first.TryAppendAsync(SpoolTestBed.Batch(n, padding: 3000), CancellationToken.None);
            }

            await first.TryReplayOldestAsync((_, _) => ValueTask.CompletedTask, CancellationToken.None);
            await first.TryReplayOldestAsync((_, _) => ValueTask.CompletedTask, CancellationToken.None);
        }

        await using var second = bed.Open();

        Assert.Equal(3, second.PendingRecords);
        Assert.Equal(["lamp-3", "lamp-4", "lamp-5"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(second)));
    }

    [Fact]
    public async Task AfterReopeningAPartlyReplayedSegmentIsReplayedFromItsStart()
    {
        // Consumption is kept in memory only; writes are idempotent, so replaying lamp-1 twice is harmless.
        await using (var first = _bed.Open())
        {
            for (var n = 1; n <= 3; n++)
            {
                await first.TryAppendAsync(SpoolTestBed.Batch(n), CancellationToken.None);
            }

            await first.TryReplayOldestAsync((_, _) => ValueTask.CompletedTask, CancellationToken.None);
        }

        await using var second = _bed.Open();

        Assert.Equal(["lamp-1", "lamp-2", "lamp-3"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(second)));
    }

    [Fact]
    public async Task NewBatchesAppendedDuringReplayAreReplayedAfterTheOlderOnes()
    {
        await using var spool = _bed.Open();
        await spool.TryAppendAsync(SpoolTestBed.Batch(1), CancellationToken.None);
        var devices = new List<string>();

        await spool.TryReplayOldestAsync(async (batch, ct) =>
        {
            devices.Add(batch.Points[0].Series.Device);
            Assert.True(await spool.TryAppendAsync(SpoolTestBed.Batch(2), ct));
        }, CancellationToken.None);
        devices.AddRange(SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));

        Assert.Equal(["lamp-1", "lamp-2"], devices);
        Assert.True(spool.IsEmpty);
    }

    [Fact]
    public async Task ThePendingBytesGaugeFollowsTheSpool()
    {
        await using var spool = _bed.Open();
        await spool.TryAppendAsync(SpoolTestBed.Batch(1), CancellationToken.None);

        _bed.ObserveGauges();

        Assert.True(spool.PendingBytes > 0);
        Assert.Equal(spool.PendingBytes, _bed.Counter("pc.gateway.spool.bytes"));
    }

    public void Dispose() => _bed.Dispose();
}
