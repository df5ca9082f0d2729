using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParkCommunity.Rules.Hosting;
using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>
/// Keeps the Quartz schedule in step with the rule files: a trigger per enabled rule at the rule's interval, none for a
/// disabled or deleted rule. It runs at start and then every <see cref="RuleEngineOptions.ReloadInterval"/>, so edited
/// rule files take effect without a restart. Every node of a cluster runs it; the changes it makes are idempotent, and
/// a trigger whose interval is unchanged is left alone so its next fire time is not reset.
/// </summary>
internal sealed partial class RuleScheduleSynchronizer(
    ISchedulerFactory schedulers,
    IRuleScheduleSource rules,
    IRetiredRuleSweeper retired,
    IOptions<RuleEngineOptions> options,
    TimeProvider time,
    ILogger<RuleScheduleSynchronizer> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first sync happens before start-up completes, so a bad schedule fails the start instead of a later tick.
        await SyncAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReloadInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await SyncAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSyncFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task SyncAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var wanted = await rules.CurrentAsync(cancellationToken).ConfigureAwait(false);
        var changes = await ApplyAsync(scheduler, wanted, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (changes.Count > 0)
        {
            LogScheduleChanged(logger, changes.Count, string.Join("; ", changes));
        }

        await retired.SweepAsync(wanted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Brings the scheduler's rule jobs in line with <paramref name="wanted"/>; returns what changed, for the log.</summary>
    internal static async Task<IReadOnlyList<string>> ApplyAsync(
        IScheduler scheduler, IReadOnlyList<ScheduledRule> wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changes = new List<string>();
        var enabled = wanted.Where(rule => rule.Enabled).ToDictionary(rule => rule.RuleId, StringComparer.Ordinal);
        foreach (var rule in enabled.Values)
        {
            var existing = await scheduler.GetTrigger(RuleJobs.TriggerForRule(rule.RuleId), cancellationToken).ConfigureAwait(false);
            if (existing is ISimpleTrigger simple && simple.RepeatInterval == rule.Every)
            {
                continue;
            }

            var job = JobBuilder.Create<EvaluateRuleJob>()
                .WithIdentity(RuleJobs.ForRule(rule.RuleId))
                .UsingJobData(RuleJobs.RuleIdKey, rule.RuleId)
                .StoreDurably()
                .Build();

            // After downtime or a long pause, evaluate once now and carry on at the interval: every evaluation looks at
            // the data up to "now", so firing once per missed interval would only repeat the same answer.
            var trigger = TriggerBuilder.Create()
                .WithIdentity(RuleJobs.TriggerForRule(rule.RuleId))
                .ForJob(job)
                .StartAt(now)
                .WithSimpleSchedule(schedule => schedule
                    .WithInterval(rule.Every)
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                .Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
            changes.Add(existing is null ? $"{rule.RuleId} scheduled every {rule.Every}" : $"{rule.RuleId} now every {rule.Every}");
        }

        var scheduled = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(RuleJobs.RuleGroup), cancellationToken).ConfigureAwait(false);
        foreach (var key in scheduled.Where(key => !enabled.ContainsKey(key.Name)))
        {
            await scheduler.DeleteJob(key, cancellationToken).ConfigureAwait(false);
            changes.Add($"{key.Name} unscheduled");
        }

        return changes;
    }

    [LoggerMessage(EventId = 3501, Level = LogLevel.Information, Message = "Rule schedule updated ({Count} changes): {Changes}")]
    private static partial void LogScheduleChanged(ILogger logger, int count, string changes);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Error, Message = "Updating the rule schedule failed; the previous schedule stays and the next tick retries")]
    private static partial void LogSyncFailed(ILogger logger, Exception exception);
}
