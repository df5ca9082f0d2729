namespace ParkCommunity.Rules.Alarms;

/// <summary>
/// Where a raised alarm is in its life. An alarm that is neither exists only in the history: "normal" is the absence
/// of a current alarm for the rule and subject.
/// </summary>
public enum AlarmStatus
{
    /// <summary>The condition held at the last evaluation.</summary>
    Active,

    /// <summary>The condition has been false since <see cref="Alarm.ClearingSince"/>; the alarm clears once that lasts the rule's hold-off.</summary>
    Clearing,
}

/// <summary>
/// One raise of one rule about one subject, from raise until clear. <see cref="Id"/> is new for every raise, so the
/// history of each occurrence stays apart; <see cref="Version"/> grows with every change the rule engine makes, which
/// lets a stale writer (another node, an engine restarted mid-evaluation) fail instead of overwriting or raising twice.
/// Acknowledgement is a person's note on the alarm and does not move the version.
/// </summary>
public sealed record Alarm(
    string Id,
    string RuleId,
    string Subject,
    string RuleName,
    SubjectLocation Location,
    AlarmSeverity Severity,
    AlarmStatus Status,
    DateTimeOffset RaisedAt,
    DateTimeOffset LastHeldAt,
    DateTimeOffset? ClearingSince,
    string Detail,
    string? AcknowledgedBy,
    DateTimeOffset? AcknowledgedAt,
    bool WorkOrderPending,
    string? WorkOrderId,
    int Version)
{
    /// <summary>Set only on the alarm a <see cref="AlarmTransitionKind.Cleared"/> transition carries, and on cleared alarms read back.</summary>
    public DateTimeOffset? ClearedAt { get; init; }

    public bool IsAcknowledged => AcknowledgedBy is not null;
}
