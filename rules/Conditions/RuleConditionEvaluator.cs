using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TelemetryStore.Reading;

namespace ParkCommunity.Rules.Conditions;

/// <summary>
/// Evaluates any rule: selects its subjects from the site registry, applies the active schedule per site (in the site's
/// time zone), and hands the active subjects to the evaluation of the rule's condition kind, which reads the telemetry
/// store. Holds no state between calls, so evaluations survive restarts and can run on any node.
/// </summary>
public sealed partial class RuleConditionEvaluator(
    ITelemetryReader reader, CommunityRegistry registry, ILogger<RuleConditionEvaluator> logger, TimeProvider? time = null)
    : IRuleConditionEvaluator
{
    /// <summary>
    /// Since when this engine has been watching. A device that never reported counts as silent from here, not from the
    /// beginning of time: a freshly installed community (or an engine started on an empty store) must not raise an
    /// absence alarm for every device before any of them had the chance to speak.
    /// </summary>
    private readonly DateTimeOffset _watchingSince = time?.GetUtcNow() ?? DateTimeOffset.MinValue;

    private readonly ConcurrentDictionary<string, TimeZoneInfo> _timeZones = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<SubjectObservation>> EvaluateAsync(RuleDefinition rule, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var devices = rule.Selector.Select(registry);
        var subjects = rule.Condition is AggregateCondition aggregate
            ? Subject.PerGroup(devices, aggregate.GroupBy, rule.Selector.Kind)
            : Subject.PerDevice(devices);

        // A disabled rule, or one outside its active schedule, observes "does not hold" for every subject rather than
        // nothing: the alarm state machine then clears its alarms (after clearAfter) instead of leaving them raised
        // forever — e.g. a lamp-off alarm raised at night must clear once day comes and being off is no longer a fault.
        if (!rule.Enabled)
        {
            return [.. subjects.Select(s => s.Observe(false, at, "rule disabled"))];
        }

        var active = new List<Subject>(subjects.Count);
        var observations = new List<SubjectObservation>(subjects.Count);
        foreach (var subject in subjects)
        {
            if (rule.Active.IsActive(at, TimeZoneOf(subject.Site)))
            {
                active.Add(subject);
            }
            else
            {
                observations.Add(subject.Observe(false, at, "outside the rule's active schedule"));
            }
        }

        if (active.Count > 0)
        {
            var kind = rule.Selector.Kind;
            observations.AddRange(rule.Condition switch
            {
                ThresholdCondition threshold => await ThresholdEvaluation.EvaluateAsync(reader, threshold, kind, active, at, cancellationToken).ConfigureAwait(false),
                AbsenceCondition absence => await AbsenceEvaluation.EvaluateAsync(reader, absence, kind, active, at, _watchingSince, cancellationToken).ConfigureAwait(false),
                RateOfChangeCondition rate => await RateOfChangeEvaluation.EvaluateAsync(reader, rate, kind, active, at, cancellationToken).ConfigureAwait(false),
                AggregateCondition groups => await AggregateEvaluation.EvaluateAsync(reader, groups, kind, active, at, cancellationToken).ConfigureAwait(false),
                EventCondition events => await EventEvaluation.EvaluateAsync(reader, events, active, at, cancellationToken).ConfigureAwait(false),
                _ => throw new NotSupportedException($"{rule}: condition kind {rule.Condition.Kind} has no evaluation."),
            });
        }

        LogEvaluated(logger, rule.Id, at, observations.Count(o => o.ConditionHolds), observations.Count, active.Count);
        return observations;
    }

    private TimeZoneInfo TimeZoneOf(Site site) => _timeZones.GetOrAdd(site.TimeZone, TimeZoneInfo.FindSystemTimeZoneById);

    [LoggerMessage(EventId = 3250, Level = LogLevel.Debug, Message = "Rule {Rule} at {At:O}: condition holds for {Holding} of {Subjects} subject(s) ({Active} active)")]
    private static partial void LogEvaluated(ILogger logger, string rule, DateTimeOffset at, int holding, int subjects, int active);
}
