using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.Ingestion;

/// <summary>Group commit, acknowledgement after durable, retries and backpressure — on a fake clock.</summary>
public sealed class TelemetryCommitterTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);
    private static readonly TelemetryField[] Fields = [TelemetryField.OfNumber("power_w", 40)];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
    private readonly RecordingTelemetryWriter _store = new();
    private readonly RecordingDeadLetterStore _deadLetters = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly TempDirectory _spoolFolder = new("pc-committer-spool");
    private TelemetryCommitter _committer = null!;
    private DiskSpool _spool = null!;

    private IngestionOptions Options { get; } = new() { MaxBatchDelay = Linger, MaxBatchPoints = 100, MaxBufferedPoints = 1_000 };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _store.Gate?.TrySetResult();
        if (_committer is not null)
        {
            await _committer.StopAsync(CancellationToken.None);
        }

        Dispose();

        await _services.DisposeAsync();
    }

    public void Dispose()
    {
        _committer?.Dispose();
        _spool?.Dispose();
        _spoolFolder.Dispose();
    }

    [Fact]
    public async Task MessagesArrivingWithinOneLingerShareOneWriteAndCommitTogether()
    {
        await StartAsync();

        var commits = new[] { Add("a"), Add("b"), Add("c") };
        Assert.All(commits, c => Assert.False(c.IsCompleted));
        _time.Advance(Linger);

        var written = await _store.Writes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["a", "b", "c"], written);
        await Task.WhenAll(commits).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AFullBatchIsWrittenWithoutWaitingForTheLinger()
    {
        Options.MaxBatchPoints = 2;
        await StartAsync();

        var commits = new[] { Add("a"), Add("b") };

        var written = await _store.Writes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, written.Count);
        await Task.WhenAll(commits).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WhenTheStoreIsUnavailableTheBatchIsSpooledToDiskAndCommitted()
    {
        _store.FailNext = 1;
        await StartAsync();

        var commit = Add("a");
        _time.Advance(Linger);

        await commit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _spool.PendingRecords);
        Assert.Equal(0, _store.Writes.Reader.Count);
    }

    [Fact]
    public async Task WhenTheSpoolIsFullTooTheCommitWaitsUntilTheStoreAnswers()
    {
        await StartAsync(fillSpool: true);
        _store.FailNext = 2;

        var commit = Add("a");
        while (_store.Writes.Reader.Count == 0)
        {
            Assert.False(commit.IsCompleted, "acknowledged before the point was stored or spooled");
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await commit.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, _store.Attempts);
    }

    [Fact]
    public async Task ReceivingWaitsForRoomWhileTheStoreIsBehind()
    {
        Options.MaxBatchPoints = 2;
        Options.MaxBufferedPoints = 2;
        _store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await StartAsync();
        var first = new[] { Add("a"), Add("b") };
        await WaitUntilAsync(() => _store.Attempts == 1);

        _ = Add("c");
        _ = Add("d");
        var room = _committer.WaitForRoomAsync(CancellationToken.None).AsTask();

        Assert.False(room.IsCompleted);
        _store.Gate.SetResult();
        await room.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.WhenAll(first).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task PointsTheStoreRefusesAreDeadLetteredWithItsReasonAndTheRestCommit()
    {
        _store.Refuse.Add(new RejectedPoint(1, "field type conflict: input field \"power_w\" is type boolean"));
        await StartAsync();

        var commits = new[] { Add("a"), Add("b") };
        _time.Advance(Linger);

        await Task.WhenAll(commits).WaitAsync(TimeSpan.FromSeconds(10));
        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal(DeadLetterReasons.StoreRejected, letter.Reason);
        Assert.Equal("b", letter.Device);
        Assert.Contains("field type conflict", letter.Detail, StringComparison.Ordinal);
    }

    private async Task StartAsync(bool fillSpool = false)
    {
        var spoolOptions = new SpoolOptions { Directory = _spoolFolder.Path, SegmentBytes = 4096, MaxBytes = 8192 };
        _spool = DiskSpool.Open(spoolOptions, _time, NullLogger<DiskSpool>.Instance, new SpoolMetrics(_services.GetRequiredService<IMeterFactory>()));
        if (fillSpool)
        {
            var filler = new TelemetryBatch();
            filler.Add(new SeriesKey("light", "site", "grid", "zone", "filler"), 1_764_000_000_000, null, Fields);
            while (await _spool.TryAppendAsync(filler, CancellationToken.None))
            {
            }
        }

        _committer = new TelemetryCommitter(
            _store, _spool, _deadLetters, Microsoft.Extensions.Options.Options.Create(Options),
            new IngestionMetrics(_services.GetRequiredService<IMeterFactory>()), _time, NullLogger<TelemetryCommitter>.Instance);
        await _committer.StartAsync(CancellationToken.None);
    }

    private Task Add(string device) =>
        _committer.Add(new SeriesKey("light", "site", "grid", "zone", device), [new ParsedReading(0, _time.GetUtcNow().ToUnixTimeMilliseconds(), null, 0, 1)], Fields);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, deadline.Token);
        }
    }
}
