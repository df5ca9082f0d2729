namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// The alarm rules, pure: per rule and subject an alarm is raised once when the condition starts to hold, stays
/// active while it holds (repeated evaluations update it, never raise again), goes to clearing when the condition
/// stops holding, returns to active without a new raise if the condition holds again during the hold-off, and clears
/// once the condition has been false continuously for <see cref="AlarmPolicy.ClearAfter"/> — measured between
/// observation times, so clearing is exact to the evaluation that reaches the boundary.
/// </summary>
/// <remarks>
/// A subject with a current alarm but no observation in an evaluation is left as it is: no evidence is not evidence
/// that the fault is gone (a silent device is the absence condition's business, which reports it as an observation).
/// When a rule is disabled or deleted, or a subject leaves its selection, the engine clears those alarms explicitly
/// with <see cref="ClearNow"/>.
/// </remarks>
public static class AlarmStateMachine
{
    /// <summary>Longest detail kept; condition evaluators write a sentence, not a report.</summary>
    public const int MaxDetailLength = 1000;

    /// <summary>
    /// Applies one evaluation's observations (any order; several per subject are applied oldest first) to the rule's
    /// current alarms. Observations older than what an alarm already saw are ignored, so a late or repeated evaluation
    /// cannot move an alarm backwards.
    /// </summary>
    /// <param name="newAlarmId">Makes the id of a new raise from its time; <see cref="NewAlarmId"/> in production.</param>
    public static AlarmEvaluation Apply(
        AlarmPolicy policy,
        IReadOnlyCollection<Alarm> current,
        IReadOnlyCollection<SubjectObservation> observations,
        Func<DateTimeOffset, string> newAlarmId)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(newAlarmId);
        if (policy.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException("Invalid alarm policy: " + string.Join("; ", problems), nameof(policy));
        }

        var alarms = BySubject(policy.RuleId, current);
        var transitions = new List<AlarmTransition>();
        foreach (var given in observations.OrderBy(o => o.At))
        {
            if (string.IsNullOrWhiteSpace(given.Subject) || given.Location is null)
            {
                throw new ArgumentException($"An observation for rule '{policy.RuleId}' has no subject or no location.", nameof(observations));
            }

            // Alarm times are kept to the millisecond (as stored), so an alarm reloaded from the store compares equal.
            var observation = given with { At = DateTimeOffset.FromUnixTimeMilliseconds(given.At.ToUnixTimeMilliseconds()) };

            alarms.TryGetValue(observation.Subject, out var alarm);
            var transition = alarm is null
                ? Raise(policy, observation, newAlarmId)
                : Advance(policy, alarm, observation);
            if (transition is null)
            {
                continue;
            }

            transitions.Add(transition);
            if (transition.Kind == AlarmTransitionKind.Cleared)
            {
                alarms.Remove(observation.Subject);
            }
            else
            {
                alarms[observation.Subject] = transition.Alarm;
            }
        }

        return new AlarmEvaluation(Ordered(alarms), transitions);
    }

    /// <summary>
    /// Clears the given alarms at once, without the hold-off: for a rule that was disabled or deleted, or subjects
    /// that left the rule's selection. <paramref name="reason"/> becomes the clear's detail.
    /// </summary>
    public static AlarmEvaluation ClearNow(IReadOnlyCollection<Alarm> current, Func<Alarm, bool> which, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(which);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var transitions = current
            .Where(which)
            .OrderBy(alarm => alarm.Subject, StringComparer.Ordinal)
            .Select(alarm => Cleared(alarm, at, reason))
            .ToList();
        var remaining = current.Where(alarm => !which(alarm)).OrderBy(alarm => alarm.Subject, StringComparer.Ordinal).ToList();
        return new AlarmEvaluation(remaining, transitions);
    }

    /// <summary>
    /// Records that a person has seen the alarm. The first acknowledgement stands: acknowledging again changes nothing
    /// and returns false. An acknowledgement lasts until the alarm clears; a later raise is a new alarm.
    /// </summary>
    public static bool TryAcknowledge(Alarm alarm, string by, DateTimeOffset at, out Alarm acknowledged)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        if (alarm.IsAcknowledged)
        {
            acknowledged = alarm;
            return false;
        }

        acknowledged = alarm with { AcknowledgedBy = by, AcknowledgedAt = at };
        return true;
    }

    /// <summary>A time-ordered (version 7) GUID, so alarm ids sort by when they were raised.</summary>
    public static string NewAlarmId(DateTimeOffset raisedAt) => Guid.CreateVersion7(raisedAt).ToString("N");

    private static AlarmTransition? Raise(AlarmPolicy policy, SubjectObservation observation, Func<DateTimeOffset, string> newAlarmId)
    {
        if (!observation.ConditionHolds)
        {
            return null;
        }

        var detail = Trim(observation.Detail);
        var alarm = new Alarm(
            newAlarmId(observation.At), policy.RuleId, observation.Subject, policy.RuleName, observation.Location, policy.Severity,
            AlarmStatus.Active, observation.At, observation.At, ClearingSince: null, detail, AcknowledgedBy: null, AcknowledgedAt: null,
            // Set in the same write as the raise and cleared only once the work order exists, so a crash in between
            // is healed by the next evaluation (opening the order is idempotent per alarm key).
            WorkOrderPending: true, WorkOrderId: null, Version: 1);
        return new AlarmTransition(AlarmTransitionKind.Raised, alarm, detail);
    }

    private static AlarmTransition? Advance(AlarmPolicy policy, Alarm alarm, SubjectObservation observation)
    {
        var latestSeen = alarm.ClearingSince is { } since && since > alarm.LastHeldAt ? since : alarm.LastHeldAt;
        if (observation.At < latestSeen)
        {
            return null;
        }

        var detail = Trim(observation.Detail);
        if (observation.ConditionHolds)
        {
            var held = alarm with
            {
                Status = AlarmStatus.Active,
                ClearingSince = null,
                LastHeldAt = observation.At,
                Detail = detail,
                Severity = policy.Severity,
                RuleName = policy.RuleName,
                Location = observation.Location,
            };
            return held == alarm ? null : Updated(held, detail);
        }

        if (alarm.Status == AlarmStatus.Active)
        {
            return policy.ClearAfter == TimeSpan.Zero
                ? Cleared(alarm, observation.At, detail)
                : Updated(alarm with { Status = AlarmStatus.Clearing, ClearingSince = observation.At }, detail);
        }

        // Clearing, and still false: clear once the condition has been false for the whole hold-off, boundary included.
        return observation.At - alarm.ClearingSince!.Value >= policy.ClearAfter ? Cleared(alarm, observation.At, detail) : null;
    }

    private static AlarmTransition Updated(Alarm alarm, string detail) =>
        new(AlarmTransitionKind.Updated, alarm with { Version = alarm.Version + 1 }, detail);

    private static AlarmTransition Cleared(Alarm alarm, DateTimeOffset at, string detail) =>
        new(AlarmTransitionKind.Cleared, alarm with { Version = alarm.Version + 1, ClearedAt = at }, Trim(detail));

    private static Dictionary<string, Alarm> BySubject(string ruleId, IReadOnlyCollection<Alarm> current)
    {
        var alarms = new Dictionary<string, Alarm>(StringComparer.Ordinal);
        foreach (var alarm in current)
        {
            if (alarm.RuleId != ruleId)
            {
                throw new ArgumentException($"Alarm {alarm.Id} belongs to rule '{alarm.RuleId}', not '{ruleId}'.", nameof(current));
            }

            if (!alarms.TryAdd(alarm.Subject, alarm))
            {
                throw new ArgumentException($"Rule '{ruleId}' has two current alarms for subject '{alarm.Subject}'.", nameof(current));
            }
        }

        return alarms;
    }

    private static List<Alarm> Ordered(Dictionary<string, Alarm> alarms) =>
        [.. alarms.Values.OrderBy(alarm => alarm.Subject, StringComparer.Ordinal)];

    private static string Trim(string? detail) =>
        detail is null ? "" : detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength];
}
