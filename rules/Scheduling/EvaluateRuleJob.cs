using Microsoft.Extensions.Logging;
using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>
/// Fired by a rule's trigger. One rule never runs twice at once — not on this node, and with the clustered store not
/// on another either — so its alarm state is only ever updated by one evaluation at a time.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class EvaluateRuleJob(IRuleRunner runner, ILogger<EvaluateRuleJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var ruleId = context.MergedJobDataMap.GetString(RuleJobs.RuleIdKey) ?? context.JobDetail.Key.Name;
        try
        {
            await runner.RunAsync(new RuleFiring(ruleId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.FireInstanceId), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            // A failed evaluation (store down, database busy) is logged with the rule and retried by the next firing;
            // it must not unschedule the rule, and it must not stop other rules.
            LogEvaluationFailed(logger, exception, ruleId);
            throw new JobExecutionException(exception);
        }
    }

    [LoggerMessage(EventId = 3500, Level = LogLevel.Error, Message = "Evaluating rule {RuleId} failed; it runs again at its next interval")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string ruleId);
}
