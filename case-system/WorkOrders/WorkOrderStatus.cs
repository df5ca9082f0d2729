namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>Where a work order is in its life; <see cref="WorkOrderTransitions"/> says which moves are allowed.</summary>
public enum WorkOrderStatus
{
    Open,
    Assigned,
    InProgress,
    Resolved,
    Closed,
    Cancelled,
}
