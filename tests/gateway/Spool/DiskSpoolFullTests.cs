using Microsoft.Extensions.Logging;
using ParkCommunity.Gateway.Spool;

namespace ParkCommunity.Gateway.Tests.Spool;

public sealed class DiskSpoolFullTests
{
    // About 1 KiB per batch: four segments of 4 KiB hold at most about 16 batches.
    private const int Padding = 1000;

    [Fact]
    public async Task WhenFullAndStoppingAcknowledgementsABatchIsRefusedAndTheSpoolKept()
    {
        using var bed = new SpoolTestBed(maxBytes: 16 * 1024, segmentBytes: 4096);
        await using var spool = bed.Open();
        var appended = 0;
        while (await spool.TryAppendAsync(SpoolTestBed.Batch(appended + 1, padding: Padding), CancellationToken.None))
        {
            appended++;
            Assert.True(appended < 100, "the spool never filled up");
        }

        Assert.False(await spool.TryAppendAsync(SpoolTestBed.Batch(99, padding: Padding), CancellationToken.None));
        Assert.Equal(appended, spool.PendingRecords);
        Assert.True(spool.PendingBytes <= 16 * 1024);
        Assert.Equal(0, bed.Counter("pc.gateway.spool.dropped"));
        var error = Assert.Single(bed.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Spool full", error.Message, StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(1, appended).Select(n => $"lamp-{n}")], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));
    }

    [Fact]
    public async Task ALongFullEpisodeIsLoggedAgainEveryMinuteAndItsEndIsLogged()
    {
        using var bed = new SpoolTestBed(maxBytes: 8 * 1024, segmentBytes: 4096);
        await using var spool = bed.Open();
        var n = 0;
        while (await spool.TryAppendAsync(SpoolTestBed.Batch(++n, padding: Padding), CancellationToken.None))
        {
        }

        await spool.TryAppendAsync(SpoolTestBed.Batch(++n, padding: Padding), CancellationToken.None);
        bed.Time.Advance(TimeSpan.FromMinutes(1));
        await spool.TryAppendAsync(SpoolTestBed.Batch(++n, padding: Padding), CancellationToken.None);
        await SpoolTestBed.DrainAsync(spool);
        var resumed = await spool.TryAppendAsync(SpoolTestBed.Batch(++n, padding: Padding), CancellationToken.None);

        Assert.True(resumed);
        Assert.Equal(2, bed.Logs.Entries.Count(e => e.Level == LogLevel.Error));
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Spool has room again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenFullAndDroppingOldestTheOldestSegmentGoesAndTheNewestBatchIsKept()
    {
        using var bed = new SpoolTestBed(maxBytes: 16 * 1024, segmentBytes: 4096, whenFull: SpoolFullPolicy.DropOldest);
        await using var spool = bed.Open();
        for (var n = 1; n <= 40; n++)
        {
            Assert.True(await spool.TryAppendAsync(SpoolTestBed.Batch(n, padding: Padding), CancellationToken.None));
        }

        var replayed = SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool));

        Assert.Equal("lamp-40", replayed[^1]);
        Assert.DoesNotContain("lamp-1", replayed);
        Assert.Equal(40 - replayed.Count, bed.Counter("pc.gateway.spool.dropped"));
        Assert.Equal([.. Enumerable.Range(41 - replayed.Count, replayed.Count).Select(n => $"lamp-{n}")], replayed);
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("dropped the oldest segment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABatchLargerThanTheWholeSpoolIsRefusedWithoutDroppingAnything()
    {
        using var bed = new SpoolTestBed(maxBytes: 8 * 1024, segmentBytes: 4096, whenFull: SpoolFullPolicy.DropOldest);
        await using var spool = bed.Open();
        await spool.TryAppendAsync(SpoolTestBed.Batch(1), CancellationToken.None);

        var kept = await spool.TryAppendAsync(SpoolTestBed.Batch(2, padding: 9000), CancellationToken.None);

        Assert.False(kept);
        Assert.Equal(1, spool.PendingRecords);
        Assert.Contains(bed.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("larger than the whole spool", StringComparison.Ordinal));
    }
}
