using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Sla;
using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>
/// Escalates work orders past their SLA (raise the priority, notify the grid's manager — see the case system's
/// <see cref="SlaEscalator"/>). Fired every <c>Rules:SlaCheckInterval</c> on one node of the cluster.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class SlaWatchJob(SlaEscalator escalator, ILogger<SlaWatchJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var escalated = await escalator.EscalateOverdueAsync(cancellationToken).ConfigureAwait(false);
            if (escalated.Count > 0)
            {
                LogEscalated(logger, escalated.Count);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception);
            throw new JobExecutionException(exception);
        }
    }

    [LoggerMessage(EventId = 3520, Level = LogLevel.Information, Message = "Escalated {Count} overdue work order(s)")]
    private static partial void LogEscalated(ILogger logger, int count);

    [LoggerMessage(EventId = 3521, Level = LogLevel.Error, Message = "Checking work orders against their SLA failed; the next check retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
