using Microsoft.Extensions.Logging;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Scheduling;

namespace ParkCommunity.Rules.Engine;

/// <summary>
/// Clears the alarms of rules that are no longer scheduled — disabled, or deleted from the rule files, also while the
/// engine was down — since no evaluation will ever clear them. Their work orders get an "alarm cleared" note.
/// </summary>
internal sealed partial class RetiredRuleSweeper(IAlarmStore store, AlarmTracker tracker, ILogger<RetiredRuleSweeper> logger) : IRetiredRuleSweeper
{
    public async Task SweepAsync(IReadOnlyList<ScheduledRule> rules, CancellationToken cancellationToken)
    {
        var active = rules.Where(rule => rule.Enabled).Select(rule => rule.RuleId).ToHashSet(StringComparer.Ordinal);
        var withAlarms = await store.ListRulesWithAlarmsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var ruleId in withAlarms.Where(id => !active.Contains(id)))
        {
            var reason = rules.Any(rule => rule.RuleId == ruleId) ? "rule disabled" : "rule deleted";
            var cleared = await tracker.ClearAsync(ruleId, reason, keepSubjects: null, cancellationToken).ConfigureAwait(false);
            LogRetired(logger, ruleId, reason, cleared.Count);
        }
    }

    [LoggerMessage(EventId = 3511, Level = LogLevel.Information, Message = "Cleared {Count} alarm(s) of rule {RuleId}: {Reason}")]
    private static partial void LogRetired(ILogger logger, string ruleId, string reason, int count);
}
