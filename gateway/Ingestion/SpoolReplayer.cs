using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Gateway.Spool;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.Gateway.Ingestion;

/// <summary>
/// Drains the disk spool into the store, oldest record first, whenever the store answers; new data keeps
/// flowing directly meanwhile. Writes are idempotent on series + timestamp, so a record replayed twice
/// (after a crash between write and consume) changes nothing.
/// </summary>
internal sealed partial class SpoolReplayer(
    DiskSpool spool,
    ITelemetryWriter store,
    TelemetryCommitter committer,
    IOptions<IngestionOptions> options,
    TimeProvider time,
    ILogger<SpoolReplayer> logger) : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        try
        {
            while (true)
            {
                if (spool.IsEmpty)
                {
                    await Task.Delay(IdlePoll, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await spool.TryReplayOldestAsync(WriteAsync, stoppingToken).ConfigureAwait(false);
                    if (failures > 0)
                    {
                        LogResumed(logger, spool.PendingRecords);
                        failures = 0;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    failures++;
                    var delay = Backoff.Delay(failures, options.Value.MaxRetryDelay);
                    LogReplayFailed(logger, spool.PendingRecords, delay, ex.Message);
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // What is left stays on disk and is replayed after the next start.
        }
    }

    private async ValueTask WriteAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var result = await store.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
        await committer.DeadLetterRejectedAsync(batch, result, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Spool replay waits for the store: {Records} records on disk, next try in {Delay}: {Reason}")]
    private static partial void LogReplayFailed(ILogger logger, long records, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Store answers again; replaying the spool, {Records} records left")]
    private static partial void LogResumed(ILogger logger, long records);
}
