using Quartz;

namespace ParkCommunity.Rules.Scheduling;

/// <summary>Names of the rule engine's Quartz jobs and triggers, and the job data they carry.</summary>
public static class RuleJobs
{
    /// <summary>One job and one trigger per rule, both named after the rule id, in this group.</summary>
    public const string RuleGroup = "rules";

    public const string RuleIdKey = "ruleId";

    /// <summary>The SLA watch: one job for the whole case system.</summary>
    public static readonly JobKey SlaWatch = new("sla-watch", "case-system");

    /// <summary>The daily deletion of old alarm history.</summary>
    public static readonly JobKey AlarmHistoryPrune = new("alarm-history-prune", "alarms");

    public static JobKey ForRule(string ruleId) => new(ruleId, RuleGroup);

    public static TriggerKey TriggerForRule(string ruleId) => new(ruleId, RuleGroup);
}
