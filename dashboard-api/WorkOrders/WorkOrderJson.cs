using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.DashboardApi.WorkOrders;

/// <summary>
/// The contract's JSON for work orders. Enum values use the case system's wire names in lower case (<c>in_progress</c>,
/// <c>p2</c>, <c>electrical</c>). A resident's call-back contact is personal data: it is left out here and added
/// only by the detail endpoint, which audits the read.
/// </summary>
internal static class WorkOrderJson
{
    public static object Of(WorkOrder order, DateTimeOffset now) => new
    {
        id = order.Id,
        title = order.Title,
        category = WireNames.Of(order.Category),
        priority = Priority(order.Priority),
        status = WireNames.Of(order.Status),
        slaDueAt = order.SlaDueAt,
        overdue = order.IsOverdueAt(now),
        location = new { site = order.Location.Site, grid = order.Location.Grid, zone = order.Location.Zone, device = order.Location.Device },
        source = Source(order.Source, callbackContact: null),
        assignee = order.Assignee is { } a ? new { crewId = a.CrewId } : null,
        createdAt = order.CreatedAt,
        updatedAt = order.UpdatedAt,
        version = order.Version,
    };

    public static object Detail(WorkOrder order, IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now, bool withCallbackContact) => new
    {
        id = order.Id,
        title = order.Title,
        category = WireNames.Of(order.Category),
        priority = Priority(order.Priority),
        status = WireNames.Of(order.Status),
        slaDueAt = order.SlaDueAt,
        overdue = order.IsOverdueAt(now),
        location = new { site = order.Location.Site, grid = order.Location.Grid, zone = order.Location.Zone, device = order.Location.Device },
        source = Source(order.Source, withCallbackContact && order.Source is ResidentReport r ? r.CallbackContact : null),
        assignee = order.Assignee is { } a ? new { crewId = a.CrewId } : null,
        createdAt = order.CreatedAt,
        updatedAt = order.UpdatedAt,
        version = order.Version,
        device = order.Location.Device,
        timeline = timeline.Select(t => new { at = t.At, kind = WireNames.Of(t.Kind), actor = t.Actor, text = t.Text }),
    };

    public static string Priority(WorkOrderPriority priority) => WireNames.Of(priority).ToLowerInvariant();

    private static object Source(WorkOrderSource source, string? callbackContact) => source switch
    {
        AlarmSource alarm => new { type = "alarm", alarmKey = alarm.AlarmKey.ToString() },
        ResidentReport report when callbackContact is not null => new { type = "resident", channel = report.Channel, callbackContact },
        ResidentReport report => (object)new { type = "resident", channel = report.Channel },
        _ => new { type = "unknown" },
    };
}
