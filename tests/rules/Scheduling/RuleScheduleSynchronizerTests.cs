using ParkCommunity.Rules.Scheduling;
using ParkCommunity.TestSupport;
using Quartz;

namespace ParkCommunity.Rules.Tests.Scheduling;

public sealed class RuleScheduleSynchronizerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EachEnabledRuleGetsATriggerAtItsInterval()
    {
        using var folder = new TempDirectory();
        await using var host = QuartzTestHost.Create(folder);
        var scheduler = await host.SchedulerAsync();

        await RuleScheduleSynchronizer.ApplyAsync(scheduler,
            [new ScheduledRule("lamp-failure", TimeSpan.FromMinutes(1), true), new ScheduledRule("door-forced", TimeSpan.FromSeconds(5), true),
             new ScheduledRule("switched-off", TimeSpan.FromMinutes(1), false)], Now, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(1), Interval(await scheduler.GetTrigger(RuleJobs.TriggerForRule("lamp-failure"))));
        Assert.Equal(TimeSpan.FromSeconds(5), Interval(await scheduler.GetTrigger(RuleJobs.TriggerForRule("door-forced"))));
        Assert.Null(await scheduler.GetTrigger(RuleJobs.TriggerForRule("switched-off")));
    }

    [Fact]
    public async Task AnUnchangedRuleKeepsItsNextFireTime()
    {
        using var folder = new TempDirectory();
        await using var host = QuartzTestHost.Create(folder);
        var scheduler = await host.SchedulerAsync();
        ScheduledRule[] rules = [new("lamp-failure", TimeSpan.FromMinutes(1), true)];
        await RuleScheduleSynchronizer.ApplyAsync(scheduler, rules, Now, CancellationToken.None);
        var before = (await scheduler.GetTrigger(RuleJobs.TriggerForRule("lamp-failure")))!.NextFireTimeUtc;

        var changes = await RuleScheduleSynchronizer.ApplyAsync(scheduler, rules, Now.AddSeconds(30), CancellationToken.None);

        Assert.Empty(changes);
        Assert.Equal(before, (await scheduler.GetTrigger(RuleJobs.TriggerForRule("lamp-failure")))!.NextFireTimeUtc);
    }

    [Fact]
    public async Task ChangedDisabledAndDeletedRulesAreRescheduledOrRemoved()
    {
        using var folder = new TempDirectory();
        await using var host = QuartzTestHost.Create(folder);
        var scheduler = await host.SchedulerAsync();
        await RuleScheduleSynchronizer.ApplyAsync(scheduler,
            [new ScheduledRule("a", TimeSpan.FromMinutes(1), true), new ScheduledRule("b", TimeSpan.FromMinutes(1), true), new ScheduledRule("c", TimeSpan.FromMinutes(1), true)],
            Now, CancellationToken.None);

        var changes = await RuleScheduleSynchronizer.ApplyAsync(scheduler,
            [new ScheduledRule("a", TimeSpan.FromMinutes(5), true), new ScheduledRule("b", TimeSpan.FromMinutes(1), false)], Now, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(5), Interval(await scheduler.GetTrigger(RuleJobs.TriggerForRule("a"))));
        Assert.False(await scheduler.Exists(RuleJobs.ForRule("b")));
        Assert.False(await scheduler.Exists(RuleJobs.ForRule("c")));
        Assert.Equal(["a now every 00:05:00", "b unscheduled", "c unscheduled"], changes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheScheduleSurvivesARestartOfTheScheduler()
    {
        using var folder = new TempDirectory();
        await using (var first = QuartzTestHost.Create(folder))
        {
            await RuleScheduleSynchronizer.ApplyAsync(await first.SchedulerAsync(),
                [new ScheduledRule("lamp-failure", TimeSpan.FromMinutes(2), true)], Now, CancellationToken.None);
        }

        await using var second = QuartzTestHost.Create(folder);
        var trigger = await (await second.SchedulerAsync()).GetTrigger(RuleJobs.TriggerForRule("lamp-failure"));
        Assert.Equal(TimeSpan.FromMinutes(2), Interval(trigger));
    }

    [Fact]
    public async Task AScheduledRuleIsEvaluatedByItsTrigger()
    {
        using var folder = new TempDirectory();
        await using var host = QuartzTestHost.Create(folder);
        await host.Host.StartAsync();
        await RuleScheduleSynchronizer.ApplyAsync(await host.SchedulerAsync(),
            [new ScheduledRule("door-forced", TimeSpan.FromSeconds(1), true)], TimeProvider.System.GetUtcNow(), CancellationToken.None);

        await host.Runner.WaitForRunsAsync("door-forced", 2, TimeSpan.FromSeconds(15));

        Assert.True(host.Runner.Runs("door-forced") >= 2);
    }

    private static TimeSpan? Interval(ITrigger? trigger) => (trigger as ISimpleTrigger)?.RepeatInterval;
}
