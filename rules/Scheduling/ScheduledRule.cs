namespace ParkCommunity.Rules.Scheduling;

/// <summary>What the scheduler needs to know of a rule: how often to evaluate it and whether to at all.</summary>
public sealed record ScheduledRule(string RuleId, TimeSpan Every, bool Enabled);

/// <summary>The rules to schedule right now (the rule files as loaded, with any run-time switches applied).</summary>
public interface IRuleScheduleSource
{
    Task<IReadOnlyList<ScheduledRule>> CurrentAsync(CancellationToken cancellationToken);
}

/// <summary>One firing of a rule's trigger: which rule, the time it was due, and the scheduler's id for this firing.</summary>
public sealed record RuleFiring(string RuleId, DateTimeOffset ScheduledAt, string FireInstanceId);

/// <summary>Evaluates one rule once: read the telemetry, update its alarms, raise or annotate work orders.</summary>
public interface IRuleRunner
{
    Task RunAsync(RuleFiring firing, CancellationToken cancellationToken);
}

/// <summary>Deals with the alarms of rules that are no longer scheduled.</summary>
public interface IRetiredRuleSweeper
{
    Task SweepAsync(IReadOnlyList<ScheduledRule> rules, CancellationToken cancellationToken);
}
