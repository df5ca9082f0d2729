namespace ParkCommunity.Rules.Alarms;

/// <summary>What happened to an alarm in one evaluation.</summary>
public enum AlarmTransitionKind
{
    /// <summary>The condition began to hold: a new alarm (a work order is due).</summary>
    Raised,

    /// <summary>
    /// Anything else the engine records about a current alarm: the condition still holds (last held at, detail), it
    /// stopped holding (now clearing), it holds again while clearing (active again, no new raise), or the rule's
    /// severity or name changed.
    /// </summary>
    Updated,

    /// <summary>The condition stayed false for the whole hold-off: the alarm is over.</summary>
    Cleared,
}

/// <summary>One change of one alarm; <see cref="Alarm"/> is the alarm after the change.</summary>
public sealed record AlarmTransition(AlarmTransitionKind Kind, Alarm Alarm, string Detail);

/// <summary>
/// The result of applying one evaluation to a rule's alarms: the rule's current alarms afterwards (cleared ones are
/// gone) and the changes, in the order they happened, for the store to write and the caller to act on.
/// </summary>
public sealed record AlarmEvaluation(IReadOnlyList<Alarm> Current, IReadOnlyList<AlarmTransition> Transitions);
