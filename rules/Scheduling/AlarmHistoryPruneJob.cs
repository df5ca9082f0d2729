using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Rules.Alarms.Configuration;
using ParkCommunity.Rules.Alarms.Storage;
using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>
/// Keeps the alarm history from growing without end: once a day, on one node of the cluster, deletes cleared alarms and
/// the history of alarms no longer current that are older than <c>Rules:Alarms:KeepHistoryFor</c>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class AlarmHistoryPruneJob(IAlarmStore store, IOptions<AlarmStoreOptions> options, TimeProvider time, ILogger<AlarmHistoryPruneJob> logger)
    : IJob
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.KeepHistoryFor;
        try
        {
            var (history, cleared) = await store.PruneAsync(before, cancellationToken).ConfigureAwait(false);
            LogPruned(logger, history, cleared, before);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            throw new JobExecutionException(exception);
        }
    }

    [LoggerMessage(EventId = 3530, Level = LogLevel.Information,
        Message = "Alarm history pruned: {HistoryEntries} history entries and {ClearedAlarms} cleared alarms from before {Before:u}")]
    private static partial void LogPruned(ILogger logger, int historyEntries, int clearedAlarms, DateTimeOffset before);

    [LoggerMessage(EventId = 3531, Level = LogLevel.Error, Message = "Pruning the alarm history failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
