namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>
/// What a caller knows when it opens a work order. The source is given by the create call (alarm or resident
/// report); <paramref name="SlaDueAt"/> defaults to the configured SLA for the priority.
/// </summary>
public sealed record NewWorkOrder(
    string Title,
    WorkOrderCategory Category,
    WorkOrderPriority Priority,
    WorkOrderLocation Location,
    string CreatedBy,
    DateTimeOffset? SlaDueAt = null);
