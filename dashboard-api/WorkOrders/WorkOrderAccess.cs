using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Accounts;

namespace ParkCommunity.DashboardApi.WorkOrders;

/// <summary>
/// Who may change a work order, beside what the state machine allows: crews accept (assign to their own crew), start
/// and resolve their own orders; managers assign, cancel and close within their grids; admins do anything; planners
/// and auditors only read. Scope is checked first (404), then these rules (403), then the state machine (409).
/// </summary>
internal static class WorkOrderAccess
{
    public static bool CanSee(Caller caller, WorkOrder order) => caller.Sees(order.Location.Grid);

    public static string? RefuseTransition(Caller caller, WorkOrder order, WorkOrderStatus target)
    {
        if (caller.Is(Roles.Admin))
        {
            return null;
        }

        if (caller.Is(Roles.Manager) && target is WorkOrderStatus.Cancelled or WorkOrderStatus.Closed)
        {
            return null;
        }

        if (caller.Is(Roles.Crew) && target is WorkOrderStatus.InProgress or WorkOrderStatus.Resolved)
        {
            return IsOwn(caller, order) ? null : $"Work order {order.Id} is not assigned to your crew ({caller.CrewId ?? "none"}).";
        }

        return $"Your role ({string.Join(", ", caller.Roles)}) may not move a work order to {WireNames.Of(target)}.";
    }

    public static string? RefuseAssign(Caller caller, WorkOrder order, string crewId)
    {
        if (caller.Is(Roles.Admin) || caller.Is(Roles.Manager))
        {
            return null;
        }

        if (caller.Is(Roles.Crew))
        {
            // Accepting: a crew takes an unassigned order for itself, never hands one to another crew.
            return crewId == caller.CrewId && order.Status == WorkOrderStatus.Open
                ? null
                : "A crew may only accept an open work order for its own crew.";
        }

        return $"Your role ({string.Join(", ", caller.Roles)}) may not assign work orders.";
    }

    public static string? RefuseComment(Caller caller) =>
        caller.Is(Roles.Admin) || caller.Is(Roles.Manager) || caller.Is(Roles.Crew)
            ? null
            : $"Your role ({string.Join(", ", caller.Roles)}) may not comment on work orders.";

    /// <summary>Who may read a resident's call-back contact: those who act on the order.</summary>
    public static bool MayReadContact(Caller caller, WorkOrder order) =>
        caller.Is(Roles.Admin) || caller.Is(Roles.Manager) || (caller.Is(Roles.Crew) && IsOwn(caller, order));

    private static bool IsOwn(Caller caller, WorkOrder order) => caller.CrewId is not null && order.Assignee?.CrewId == caller.CrewId;
}
