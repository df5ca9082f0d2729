using Microsoft.Extensions.Logging;

namespace ParkCommunity.Gateway.Tests.Spool;

/// <summary>Issue #3: a torn write at the spool's tail is detected and skipped without losing earlier records.</summary>
public sealed class DiskSpoolTornTailTests : IDisposable
{
    private readonly SpoolTestBed _bed = new();

    [Fact]
    public async Task ASegmentCutOffInTheMiddleOfItsLastRecordReplaysTheRecordsBeforeIt()
    {
        var (segment, secondEnds, thirdEnds) = await AppendThreeAsync();
        using (var file = File.OpenWrite(segment))
        {
            file.SetLength(secondEnds + ((thirdEnds - secondEnds) / 2));
        }

        await using var spool = _bed.Open();

        Assert.Equal(1, spool.TornRecordsFound);
        Assert.Equal(["lamp-1", "lamp-2"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));
        Assert.Equal(1, _bed.Counter("pc.gateway.spool.torn"));
        var warning = Assert.Single(_bed.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains(Path.GetFileName(segment), warning.Message, StringComparison.Ordinal);
        Assert.Contains($"offset {secondEnds}", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlippedByteInTheLastRecordIsCaughtByItsChecksum()
    {
        var (segment, secondEnds, _) = await AppendThreeAsync();
        var bytes = await File.ReadAllBytesAsync(segment);
        bytes[secondEnds + 20] ^= 0x40;
        await File.WriteAllBytesAsync(segment, bytes);

        await using var spool = _bed.Open();

        Assert.Equal(1, spool.TornRecordsFound);
        Assert.Equal(["lamp-1", "lamp-2"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));
        var warning = Assert.Single(_bed.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("checksum mismatch", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTornTailIsCutOffSoNewBatchesFollowTheGoodRecords()
    {
        var (segment, secondEnds, thirdEnds) = await AppendThreeAsync();
        using (var file = File.OpenWrite(segment))
        {
            file.SetLength(thirdEnds - 1);
        }

        await using (var reopened = _bed.Open())
        {
            Assert.Equal(secondEnds, new FileInfo(segment).Length);
            Assert.True(await reopened.TryAppendAsync(SpoolTestBed.Batch(4), CancellationToken.None));
        }

        await using var spool = _bed.Open();

        Assert.Equal(0, spool.TornRecordsFound);
        Assert.Equal(["lamp-1", "lamp-2", "lamp-4"], SpoolTestBed.Devices(await SpoolTestBed.DrainAsync(spool)));
    }

    [Fact]
    public async Task ASegmentWithOnlyAPartialHeaderIsRemovedAndStartUpSucceeds()
    {
        Directory.CreateDirectory(_bed.Options.Directory);
        var stray = Path.Combine(_bed.Options.Directory, "spool-000000000007.seg");
        await File.WriteAllBytesAsync(stray, [1, 2, 3]);

        await using var spool = _bed.Open();

        Assert.Equal(1, spool.TornRecordsFound);
        Assert.True(spool.IsEmpty);
        Assert.False(File.Exists(stray));
    }

    /// <summary>Three one-point batches in one segment; returns the segment and where records 2 and 3 end.</summary>
    private async Task<(string Segment, int SecondEnds, int ThirdEnds)> AppendThreeAsync()
    {
        await using var spool = _bed.Open();
        var ends = new List<int>();
        for (var n = 1; n <= 3; n++)
        {
            Assert.True(await spool.TryAppendAsync(SpoolTestBed.Batch(n, padding: 40), CancellationToken.None));
            ends.Add((int)spool.PendingBytes);
        }

        return (Assert.Single(_bed.SegmentFiles), ends[1], ends[2]);
    }

    public void Dispose() => _bed.Dispose();
}
