using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// One change to a work order, as announced: what happened (the timeline kind), the order after the change, who did
/// it, the timeline text, and for escalations the grid's manager.
/// </summary>
public sealed record WorkOrderChange(
    TimelineKind Kind, WorkOrder Order, string Actor, string? Text, DateTimeOffset At, GridManager? Manager = null);
