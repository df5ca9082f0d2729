namespace ParkCommunity.DashboardApi.Live;

/// <summary>
/// Reads a store every <see cref="Interval"/> while anyone listens on <c>/api/live</c> and publishes what changed since
/// the previous read. Reading the store (not another process's memory) works the same with one gateway or rule
/// engine or several. Nobody listening means no reads, and the next listener starts from a fresh baseline; a failed
/// read is logged and the next tick tries again.
/// </summary>
internal abstract class LivePoller(LiveUpdates live, TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>What is read, for the log: "the current alarms from the alarm store".</summary>
    protected abstract string Source { get; }

    protected LiveUpdates Live => live;

    protected TimeProvider Time => time;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await PollAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LivePollFailed(ex, Source, Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    internal Task PollAsync(CancellationToken cancellationToken)
    {
        if (live.SubscriberCount == 0)
        {
            ForgetBaseline();
            return Task.CompletedTask;
        }

        return PublishChangesAsync(cancellationToken);
    }

    /// <summary>Drops what was read last, so the next read is a baseline that publishes nothing.</summary>
    protected abstract void ForgetBaseline();

    /// <summary>Reads the store and publishes what changed since the last read (nothing on a baseline read).</summary>
    protected abstract Task PublishChangesAsync(CancellationToken cancellationToken);
}

internal static partial class LivePollLog
{
    [LoggerMessage(7030, LogLevel.Warning, "Reading {Source} failed; trying again in {Interval}")]
    public static partial void LivePollFailed(this ILogger logger, Exception exception, string source, TimeSpan interval);
}
