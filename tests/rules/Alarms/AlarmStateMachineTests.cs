using Microsoft.Extensions.Time.Testing;
using ParkCommunity.Rules.Alarms;

namespace ParkCommunity.Rules.Tests.Alarms;

/// <summary>The alarm rules, one behaviour per test; the clock moves between evaluations as a trigger's would.</summary>
public sealed class AlarmStateMachineTests
{
    private static readonly TimeSpan HoldOff = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly SubjectLocation Elm = new("tianfu-park", "north", "elm-street", "light-017", "light");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 14, 13, 0, 0, TimeSpan.Zero));
    private readonly AlarmPolicy _policy = new("light-dark", "Street light dark", AlarmSeverity.Major, HoldOff);
    private IReadOnlyList<Alarm> _current = [];
    private int _ids;

    /// <summary>One evaluation now, then the clock moves on by <paramref name="advance"/> (one interval unless given).</summary>
    private AlarmEvaluation Evaluate(bool holds, string subject = "light-017", string detail = "power_w 0.4 < 5 for 10 min", TimeSpan? advance = null, AlarmPolicy? policy = null)
    {
        var evaluation = AlarmStateMachine.Apply(
            policy ?? _policy, _current, [new SubjectObservation(subject, Elm, holds, _time.GetUtcNow(), detail)], _ => $"alarm-{++_ids}");
        _current = evaluation.Current;
        _time.Advance(advance ?? Interval);
        return evaluation;
    }

    [Fact]
    public void AnAlarmIsRaisedWhenTheConditionStartsToHold()
    {
        var at = _time.GetUtcNow();

        var evaluation = Evaluate(holds: true);

        var transition = Assert.Single(evaluation.Transitions);
        Assert.Equal(AlarmTransitionKind.Raised, transition.Kind);
        var alarm = Assert.Single(evaluation.Current);
        Assert.Equal(transition.Alarm, alarm);
        Assert.Equal(("alarm-1", "light-dark", "light-017", "Street light dark"), (alarm.Id, alarm.RuleId, alarm.Subject, alarm.RuleName));
        Assert.Equal((AlarmStatus.Active, AlarmSeverity.Major, Elm), (alarm.Status, alarm.Severity, alarm.Location));
        Assert.Equal((at, at), (alarm.RaisedAt, alarm.LastHeldAt));
        Assert.Equal("power_w 0.4 < 5 for 10 min", alarm.Detail);
        Assert.True(alarm.WorkOrderPending);
        Assert.Null(alarm.ClearingSince);
        Assert.Equal(1, alarm.Version);
    }

    [Fact]
    public void AFalseConditionWithoutAnAlarmChangesNothing()
    {
        var evaluation = Evaluate(holds: false);

        Assert.Empty(evaluation.Transitions);
        Assert.Empty(evaluation.Current);
    }

    [Fact]
    public void RepeatedHoldingEvaluationsUpdateTheAlarmButNeverRaiseItAgain()
    {
        var raisedAt = _time.GetUtcNow();
        Evaluate(holds: true);
        var transitions = Enumerable.Range(0, 5).SelectMany(i => Evaluate(holds: true, detail: $"dark for {i + 2} min").Transitions).ToList();

        Assert.All(transitions, t => Assert.Equal(AlarmTransitionKind.Updated, t.Kind));
        var alarm = Assert.Single(_current);
        Assert.Equal("alarm-1", alarm.Id);
        Assert.Equal(raisedAt, alarm.RaisedAt);
        Assert.Equal(raisedAt + 5 * Interval, alarm.LastHeldAt);
        Assert.Equal("dark for 6 min", alarm.Detail);
        Assert.Equal(6, alarm.Version);
    }

    [Fact]
    public void AnEvaluationThatChangesNothingProducesNoTransition()
    {
        var at = _time.GetUtcNow();
        Evaluate(holds: true, advance: TimeSpan.Zero);

        var again = AlarmStateMachine.Apply(_policy, _current, [new SubjectObservation("light-017", Elm, true, at, "power_w 0.4 < 5 for 10 min")], _ => "x");

        Assert.Empty(again.Transitions);
        Assert.Equal(_current, again.Current);
    }

    [Fact]
    public void WhenTheConditionStopsHoldingTheAlarmWaitsInClearing()
    {
        Evaluate(holds: true);
        var falseSince = _time.GetUtcNow();

        var evaluation = Evaluate(holds: false, detail: "power_w 41.5");

        Assert.Equal(AlarmTransitionKind.Updated, Assert.Single(evaluation.Transitions).Kind);
        var alarm = Assert.Single(_current);
        Assert.Equal((AlarmStatus.Clearing, falseSince), (alarm.Status, alarm.ClearingSince));
    }

    [Fact]
    public void TheAlarmClearsExactlyWhenTheConditionHasBeenFalseForTheHoldOff()
    {
        Evaluate(holds: true);
        var falseSince = _time.GetUtcNow();
        Evaluate(holds: false, advance: HoldOff - TimeSpan.FromMilliseconds(1));

        var justBefore = Evaluate(holds: false, advance: TimeSpan.FromMilliseconds(1));
        Assert.Empty(justBefore.Transitions);
        Assert.Equal(AlarmStatus.Clearing, Assert.Single(_current).Status);

        var atBoundary = Evaluate(holds: false, detail: "power_w 41.5");
        var cleared = Assert.Single(atBoundary.Transitions);
        Assert.Equal(AlarmTransitionKind.Cleared, cleared.Kind);
        Assert.Equal(falseSince + HoldOff, cleared.Alarm.ClearedAt);
        Assert.Equal("power_w 41.5", cleared.Detail);
        Assert.Empty(_current);
    }

    [Fact]
    public void FlappingBackToTrueWhileClearingReturnsToActiveWithoutANewRaise()
    {
        Evaluate(holds: true);
        Evaluate(holds: false, advance: HoldOff - Interval);

        var flap = Evaluate(holds: true);

        Assert.Equal(AlarmTransitionKind.Updated, Assert.Single(flap.Transitions).Kind);
        var alarm = Assert.Single(_current);
        Assert.Equal(("alarm-1", AlarmStatus.Active, (DateTimeOffset?)null), (alarm.Id, alarm.Status, alarm.ClearingSince));
    }

    [Fact]
    public void AfterAFlapTheHoldOffStartsAgainFromTheNextFalseEvaluation()
    {
        Evaluate(holds: true);
        Evaluate(holds: false, advance: HoldOff - Interval);
        Evaluate(holds: true);
        Evaluate(holds: false, advance: HoldOff - Interval);

        // Counted from the first false evaluation (before the flap) the hold-off would be long over by now.
        Assert.Empty(Evaluate(holds: false).Transitions);
        Assert.Equal(AlarmTransitionKind.Cleared, Assert.Single(Evaluate(holds: false).Transitions).Kind);
    }

    [Fact]
    public void WithNoHoldOffTheFirstFalseEvaluationClears()
    {
        var immediate = _policy with { ClearAfter = TimeSpan.Zero };
        Evaluate(holds: true, policy: immediate);

        var evaluation = Evaluate(holds: false, policy: immediate);

        Assert.Equal(AlarmTransitionKind.Cleared, Assert.Single(evaluation.Transitions).Kind);
        Assert.Empty(_current);
    }

    [Fact]
    public void AfterAClearTheConditionHoldingAgainRaisesANewAlarm()
    {
        Evaluate(holds: true);
        Evaluate(holds: false, advance: HoldOff);
        Evaluate(holds: false);

        var again = Evaluate(holds: true);

        Assert.Equal(AlarmTransitionKind.Raised, Assert.Single(again.Transitions).Kind);
        Assert.Equal("alarm-2", Assert.Single(_current).Id);
    }

    [Fact]
    public void AnObservationOlderThanWhatTheAlarmSawIsIgnored()
    {
        var early = _time.GetUtcNow();
        Evaluate(holds: true, advance: TimeSpan.FromMinutes(5));
        Evaluate(holds: false);

        var late = AlarmStateMachine.Apply(_policy, _current, [new SubjectObservation("light-017", Elm, true, early.AddMinutes(1), "stale")], _ => "x");

        Assert.Empty(late.Transitions);
        Assert.Equal(AlarmStatus.Clearing, Assert.Single(late.Current).Status);
    }

    [Fact]
    public void ASubjectWithoutAnObservationKeepsItsAlarm()
    {
        Evaluate(holds: true, subject: "light-017");

        var evaluation = Evaluate(holds: false, subject: "light-018");

        Assert.Empty(evaluation.Transitions);
        Assert.Equal("light-017", Assert.Single(_current).Subject);
    }

    [Fact]
    public void SeveralObservationsOfOneSubjectApplyOldestFirst()
    {
        var start = _time.GetUtcNow();
        SubjectObservation At(int minute, bool holds) => new("light-017", Elm, holds, start.AddMinutes(minute), $"minute {minute}");

        var evaluation = AlarmStateMachine.Apply(_policy, [], [At(20, false), At(0, true), At(5, false), At(15, false)], _ => "alarm-1");

        Assert.Equal(
            [AlarmTransitionKind.Raised, AlarmTransitionKind.Updated, AlarmTransitionKind.Cleared],
            evaluation.Transitions.Select(t => t.Kind));
        Assert.Equal(start.AddMinutes(15), evaluation.Transitions[^1].Alarm.ClearedAt);
    }

    [Fact]
    public void AChangedRuleSeverityUpdatesTheActiveAlarm()
    {
        Evaluate(holds: true);

        Evaluate(holds: true, policy: _policy with { Severity = AlarmSeverity.Critical });

        Assert.Equal(AlarmSeverity.Critical, Assert.Single(_current).Severity);
    }

    [Fact]
    public void TheFirstAcknowledgementStandsAndOutlastsAFlap()
    {
        Evaluate(holds: true);
        var ackAt = _time.GetUtcNow();
        Assert.True(AlarmStateMachine.TryAcknowledge(_current[0], "manager-li", ackAt, out var acknowledged));
        Assert.False(AlarmStateMachine.TryAcknowledge(acknowledged, "manager-wang", ackAt.AddMinutes(1), out var again));
        Assert.Equal(acknowledged, again);
        _current = [acknowledged];

        Evaluate(holds: false);
        Evaluate(holds: true);

        var alarm = Assert.Single(_current);
        Assert.Equal(("manager-li", (DateTimeOffset?)ackAt), (alarm.AcknowledgedBy, alarm.AcknowledgedAt));
    }

    [Fact]
    public void ClearNowClearsOnlyTheChosenAlarmsWithTheReason()
    {
        Evaluate(holds: true, subject: "light-017", advance: TimeSpan.Zero);
        Evaluate(holds: true, subject: "light-018");
        var at = _time.GetUtcNow();

        var evaluation = AlarmStateMachine.ClearNow(_current, alarm => alarm.Subject == "light-018", at, "light-018 left the rule's selection");

        var cleared = Assert.Single(evaluation.Transitions);
        Assert.Equal((AlarmTransitionKind.Cleared, "light-018", (DateTimeOffset?)at), (cleared.Kind, cleared.Alarm.Subject, cleared.Alarm.ClearedAt));
        Assert.Equal("light-018 left the rule's selection", cleared.Detail);
        Assert.Equal("light-017", Assert.Single(evaluation.Current).Subject);
    }

    [Fact]
    public void AnInvalidPolicyIsRefusedNamingEachProblem()
    {
        var policy = new AlarmPolicy("light/dark", " ", AlarmSeverity.Major, TimeSpan.FromMinutes(-1));

        var error = Assert.Throws<ArgumentException>(() => AlarmStateMachine.Apply(policy, [], [], _ => "x"));

        Assert.Contains("RuleId 'light/dark' must not contain '/'", error.Message, StringComparison.Ordinal);
        Assert.Contains("RuleName of rule 'light/dark' is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("ClearAfter of rule 'light/dark' must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlarmIdsSortByRaiseTime()
    {
        var first = AlarmStateMachine.NewAlarmId(_time.GetUtcNow());
        var second = AlarmStateMachine.NewAlarmId(_time.GetUtcNow().AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(first, second) < 0, $"{first} should sort before {second}");
    }
}
