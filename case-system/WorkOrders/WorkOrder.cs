namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>
/// A unit of work for a crew. <see cref="Version"/> grows with every status or assignee change, so a client can
/// say "change it only if nobody else did since I looked" (optimistic concurrency).
/// </summary>
public sealed record WorkOrder(
    string Id,
    string Title,
    WorkOrderCategory Category,
    WorkOrderPriority Priority,
    DateTimeOffset SlaDueAt,
    WorkOrderLocation Location,
    WorkOrderSource Source,
    Assignee? Assignee,
    WorkOrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    /// <summary>Past its SLA while work is still outstanding; resolved counts as met.</summary>
    public bool IsOverdueAt(DateTimeOffset at) => WorkOrderTransitions.IsActive(Status) && SlaDueAt < at;
}
