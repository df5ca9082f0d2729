namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>What happened to a work order.</summary>
public enum TimelineKind
{
    Created,
    Assigned,
    StatusChanged,
    Comment,
    AlarmCleared,
    Reopened,
    Escalated,
}

/// <summary>One event in a work order's history, in the order the store recorded it (<see cref="Sequence"/>).</summary>
public sealed record TimelineEntry(
    long Sequence,
    string WorkOrderId,
    DateTimeOffset At,
    TimelineKind Kind,
    string Actor,
    string? Text);
