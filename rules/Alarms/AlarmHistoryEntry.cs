namespace ParkCommunity.Rules.Alarms;

/// <summary>The events an alarm's history records.</summary>
public enum AlarmHistoryKind
{
    Raised,
    Acknowledged,
    Cleared,
}

/// <summary>
/// One event in the append-only alarm history, in the order the store recorded it (<see cref="Sequence"/>).
/// <see cref="Actor"/> is the person for an acknowledgement and null for what the rule engine did.
/// </summary>
public sealed record AlarmHistoryEntry(
    long Sequence,
    string AlarmId,
    string RuleId,
    string Subject,
    AlarmHistoryKind Kind,
    DateTimeOffset At,
    AlarmSeverity Severity,
    string? Detail,
    string? Actor);
