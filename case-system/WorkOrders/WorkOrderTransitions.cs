namespace ParkCommunity.CaseSystem.WorkOrders;

/// <summary>
/// The work order state machine as one explicit table, so the allowed moves can be read (and tested) in one place.
/// </summary>
public static class WorkOrderTransitions
{
    private static readonly Dictionary<WorkOrderStatus, WorkOrderStatus[]> Allowed = new()
    {
        [WorkOrderStatus.Open] = [WorkOrderStatus.Assigned, WorkOrderStatus.Cancelled],
        // Assigned → Assigned is a reassignment to another crew or person.
        [WorkOrderStatus.Assigned] = [WorkOrderStatus.Assigned, WorkOrderStatus.InProgress, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.InProgress] = [WorkOrderStatus.Resolved, WorkOrderStatus.Cancelled],
        // Resolved → InProgress is a reopen: the fix did not hold before the order was closed.
        [WorkOrderStatus.Resolved] = [WorkOrderStatus.Closed, WorkOrderStatus.InProgress, WorkOrderStatus.Cancelled],
        [WorkOrderStatus.Closed] = [],
        [WorkOrderStatus.Cancelled] = [],
    };

    public static bool IsAllowed(WorkOrderStatus from, WorkOrderStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Closed and cancelled orders never change again; a new alarm occurrence opens a new order.</summary>
    public static bool IsTerminal(WorkOrderStatus status) =>
        status is WorkOrderStatus.Closed or WorkOrderStatus.Cancelled;

    /// <summary>Still needs work: counts towards the SLA.</summary>
    public static bool IsActive(WorkOrderStatus status) =>
        status is WorkOrderStatus.Open or WorkOrderStatus.Assigned or WorkOrderStatus.InProgress;

    public static bool IsReopen(WorkOrderStatus from, WorkOrderStatus to) =>
        from == WorkOrderStatus.Resolved && to == WorkOrderStatus.InProgress;

    public static void EnsureAllowed(string workOrderId, WorkOrderStatus from, WorkOrderStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new InvalidWorkOrderTransitionException(workOrderId, from, to);
        }
    }
}
