using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.Gateway.DeadLetters;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.TelemetryStore;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// Group commit of telemetry: receivers add points to the filling batch and get back that batch's
/// commit task; one writer loop swaps the batch out once it is full or its first point has waited
/// <see cref="IngestionOptions.MaxBatchDelay"/>, writes it, and completes the task for every message
/// in it at once. While a batch is being written the next one fills, so batch size follows load.
/// A message is acknowledged to its device only when its commit task completes: nothing acknowledged
/// is lost. When the store fails, the batch goes to the disk spool and counts as committed once it is
/// flushed there (<see cref="SpoolReplayer"/> writes it to the store later). When the spool is full too,
/// the writer retries with backoff and receivers wait for room (<see cref="WaitForRoomAsync"/>), so the
/// broker holds the backlog instead of memory growing.
/// </summary>
internal sealed partial class TelemetryCommitter(
    ITelemetryWriter store,
    DiskSpool spool,
    IDeadLetterStore deadLetters,
    IOptions<IngestionOptions> options,
    IngestionMetrics metrics,
    TimeProvider time,
    ILogger<TelemetryCommitter> logger) : BackgroundService
{
    private readonly IngestionOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly AsyncSignal _dataArrived = new();
    private readonly AsyncSignal _batchFull = new();
    private TelemetryBatch _filling = new(1024);
    private TelemetryBatch _spare = new(1024);
    private TaskCompletionSource _fillingCommit = NewCommit();
    private TaskCompletionSource _roomAvailable = NewCommit();
    private long _firstPointTimestamp;

    /// <summary>Completes at once while there is room for more points; otherwise when the writer frees some.</summary>
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_gate)
        {
            if (_filling.Count < _options.MaxBufferedPoints)
            {
                return ValueTask.CompletedTask;
            }

            wait = _roomAvailable.Task;
        }

        return WaitSlowAsync(wait, cancellationToken);
    }

    /// <summary>Adds the readings of one message, all to the same batch; returns that batch's commit task.</summary>
    public Task Add(SeriesKey series, ReadOnlySpan<ParsedReading> readings, ReadOnlySpan<TelemetryField> fields)
    {
        Task commit;
        bool wasEmpty;
        bool isFull;
        lock (_gate)
        {
            wasEmpty = _filling.Count == 0;
            foreach (ref readonly var reading in readings)
            {
                _filling.Add(series, reading.TimestampMs, reading.Seq, fields.Slice(reading.FieldStart, reading.FieldCount));
            }

            if (wasEmpty)
            {
                _firstPointTimestamp = time.GetTimestamp();
            }

            commit = _fillingCommit.Task;
            isFull = _filling.Count >= _options.MaxBatchPoints;
        }

        if (wasEmpty)
        {
            _dataArrived.Set();
        }

        if (isFull)
        {
            _batchFull.Set();
        }

        return commit;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _dataArrived.WaitAsync(stoppingToken).ConfigureAwait(false);
                await LingerAsync(stoppingToken).ConfigureAwait(false);
                await CommitFillingBatchAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the broker has stopped taking messages; write what was received.
            using var flushTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(15), time);
            await CommitFillingBatchAsync(flushTimeout.Token).ConfigureAwait(false);
        }
    }

    private async Task LingerAsync(CancellationToken cancellationToken)
    {
        TimeSpan remaining;
        lock (_gate)
        {
            if (_filling.Count >= _options.MaxBatchPoints)
            {
                return;
            }

            remaining = _options.MaxBatchDelay - time.GetElapsedTime(_firstPointTimestamp);
        }

        if (remaining > TimeSpan.Zero)
        {
            using var lingerEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var full = _batchFull.WaitAsync(lingerEnd.Token);
            await Task.WhenAny(full, Task.Delay(remaining, time, cancellationToken)).ConfigureAwait(false);
            await lingerEnd.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task CommitFillingBatchAsync(CancellationToken cancellationToken)
    {
        TelemetryBatch batch;
        TaskCompletionSource commit;
        TaskCompletionSource room;
        lock (_gate)
        {
            if (_filling.Count == 0)
            {
                return;
            }

            batch = _filling;
            commit = _fillingCommit;
            room = _roomAvailable;
            _filling = _spare;
            _fillingCommit = NewCommit();
            _roomAvailable = NewCommit();
        }

        room.TrySetResult();
        try
        {
            await WriteUntilStoredAsync(batch, cancellationToken).ConfigureAwait(false);
            commit.TrySetResult();
        }
        catch (Exception ex)
        {
            // The batch's messages stay unacknowledged, so their devices (or the broker) send them again.
            commit.TrySetException(ex);
            throw;
        }
        finally
        {
            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }
        }
    }

    private async Task WriteUntilStoredAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = time.GetTimestamp();
            try
            {
                var result = await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                metrics.BatchWritten(batch.Count - result.Rejected.Count, time.GetElapsedTime(started));
                if (attempt > 0)
                {
                    LogStoreRecovered(logger, attempt, batch.Count);
                }

                await DeadLetterRejectedAsync(batch, result, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                metrics.StoreWriteFailed();
                if (await spool.TryAppendAsync(batch, cancellationToken).ConfigureAwait(false))
                {
                    LogSpooled(logger, batch.Count, ex.Message);
                    return;
                }

                var delay = Backoff.Delay(attempt, _options.MaxRetryDelay);
                if (ex is TelemetryStoreUnavailableException)
                {
                    LogStoreUnavailable(logger, batch.Count, attempt + 1, delay, ex.Message);
                }
                else
                {
                    LogStoreFailed(logger, ex, batch.Count, attempt + 1, delay);
                }

                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends the points the store refused as invalid to the dead letters, with the store's reason.</summary>
    internal async Task DeadLetterRejectedAsync(TelemetryBatch batch, WriteResult result, CancellationToken cancellationToken)
    {
        foreach (var rejected in result.Rejected)
        {
            var point = batch.Points[rejected.Index];
            var letter = DeadLetter.ForRejectedPoint(point, batch.FieldsOf(point), rejected.Reason, time.GetUtcNow());
            await deadLetters.AddAsync(letter, cancellationToken).ConfigureAwait(false);
            metrics.DeadLettered(DeadLetterReasons.StoreRejected);
            LogPointRejected(logger, point.Series.Device, rejected.Reason);
        }
    }

    private static async ValueTask WaitSlowAsync(Task wait, CancellationToken cancellationToken) =>
        await wait.WaitAsync(cancellationToken).ConfigureAwait(false);

    private static TaskCompletionSource NewCommit() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning,
        Message = "Telemetry store failed ({Reason}); {Points} points spooled to disk and acknowledged, to be replayed")]
    private static partial void LogSpooled(ILogger logger, int points, string reason);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning,
        Message = "Telemetry store unavailable; {Points} points held, attempt {Attempt}, retrying in {Delay}: {Reason}")]
    private static partial void LogStoreUnavailable(ILogger logger, int points, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error,
        Message = "Telemetry store write failed; {Points} points held, attempt {Attempt}, retrying in {Delay}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int points, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "Telemetry store answers again after {Attempts} failed attempts; {Points} points written")]
    private static partial void LogStoreRecovered(ILogger logger, int attempts, int points);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning,
        Message = "Store refused a point of device {Device}, dead-lettered: {Reason}")]
    private static partial void LogPointRejected(ILogger logger, string device, string reason);
}
