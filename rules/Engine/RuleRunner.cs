using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Conditions;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.Rules.Scheduling;
using ParkCommunity.Rules.Switches;

namespace ParkCommunity.Rules.Engine;

/// <summary>
/// One evaluation of one rule, as its trigger asks: evaluate the condition over the telemetry at the current time, then
/// let the alarm tracker raise, clear and open work orders. Rules are read from the catalog at each firing, so an
/// edited rule is evaluated as edited from its next firing on.
/// </summary>
internal sealed partial class RuleRunner(
    RuleCatalog catalog,
    IRuleConditionEvaluator evaluator,
    AlarmTracker alarms,
    IRuleSwitchStore switches,
    TimeProvider time,
    ILogger<RuleRunner> logger) : IRuleRunner
{
    /// <summary>The catalog version each rule's selection was last checked against, so departed subjects are swept once per change.</summary>
    private readonly ConcurrentDictionary<string, long> _sweptAtVersion = new(StringComparer.Ordinal);

    public async Task RunAsync(RuleFiring firing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(firing);
        var rules = catalog.Current;
        var switched = await switches.ListAsync(cancellationToken).ConfigureAwait(false);
        if (rules.Find(firing.RuleId)?.Apply(switched) is not { Enabled: true } rule)
        {
            // Disabled or deleted since the trigger was scheduled; the synchronizer unschedules it and clears its alarms.
            return;
        }

        // "Now", not the scheduled time: the absence condition reads each device's newest point, which only means
        // "silent until now" when evaluated now; a firing delayed by a busy node still judges the present.
        var at = time.GetUtcNow();
        var observations = await evaluator.EvaluateAsync(rule, at, cancellationToken).ConfigureAwait(false);
        var policy = new AlarmPolicy(rule.Id, rule.Name, rule.Severity, rule.ClearAfter);
        var transitions = await alarms.ProcessAsync(policy, observations, rule.WorkOrder, cancellationToken).ConfigureAwait(false);
        LogEvaluated(logger, rule.Id, observations.Count, observations.Count(o => o.ConditionHolds), transitions.Count);

        if (_sweptAtVersion.GetValueOrDefault(rule.Id, -1) != rules.Version)
        {
            // The rule (or its selection) may have changed: alarms of subjects it no longer selects are cleared now,
            // since no observation will ever clear them.
            var selected = observations.Select(o => o.Subject).ToHashSet(StringComparer.Ordinal);
            await alarms.ClearAsync(rule.Id, "no longer selected by the rule", selected, cancellationToken).ConfigureAwait(false);
            _sweptAtVersion[rule.Id] = rules.Version;
        }
    }

    [LoggerMessage(EventId = 3510, Level = LogLevel.Debug, Message = "Rule {RuleId}: {Subjects} subjects, condition holds for {Holding}, {Transitions} alarm changes")]
    private static partial void LogEvaluated(ILogger logger, string ruleId, int subjects, int holding, int transitions);
}
