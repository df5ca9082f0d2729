using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Notifications;

/// <summary>
/// Announces every change made through the store, whoever the caller (rule engine, dashboard, Open311, escalator).
/// The change is queued only after the inner store committed it, and queuing never waits (see
/// <see cref="NotificationQueue"/>), so a slow or dead destination cannot slow a caller down.
/// </summary>
internal sealed class NotifyingWorkOrderStore(IWorkOrderStore inner, NotificationQueue queue, CrewRoster? roster) : IWorkOrderStore
{
    public IWorkOrderStore Inner => inner;

    public Task InitializeAsync(CancellationToken cancellationToken = default) => inner.InitializeAsync(cancellationToken);

    public async Task<AlarmWorkOrder> CreateForAlarmAsync(NewWorkOrder order, AlarmKey alarmKey, CancellationToken cancellationToken = default)
    {
        var result = await inner.CreateForAlarmAsync(order, alarmKey, cancellationToken).ConfigureAwait(false);
        if (result.Created)
        {
            Announce(TimelineKind.Created, result.Order, order.CreatedBy, $"Opened for alarm {alarmKey}");
        }

        return result;
    }

    public async Task<WorkOrder> CreateAsync(NewWorkOrder order, ResidentReport report, CancellationToken cancellationToken = default)
    {
        var created = await inner.CreateAsync(order, report, cancellationToken).ConfigureAwait(false);
        Announce(TimelineKind.Created, created, order.CreatedBy, $"Reported by a resident via {report?.Channel}");
        return created;
    }

    public Task<WorkOrder?> GetAsync(string id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    public Task<WorkOrder?> FindOpenByAlarmAsync(AlarmKey alarmKey, CancellationToken cancellationToken = default) =>
        inner.FindOpenByAlarmAsync(alarmKey, cancellationToken);

    public Task<IReadOnlyList<WorkOrder>> ListAsync(WorkOrderQuery query, CancellationToken cancellationToken = default) =>
        inner.ListAsync(query, cancellationToken);

    public async Task<WorkOrder> TransitionAsync(
        string id, WorkOrderStatus target, string actor, string? comment = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var updated = await inner.TransitionAsync(id, target, actor, comment, expectedVersion, cancellationToken).ConfigureAwait(false);
        // Reported as status_changed even for a reopen: the status field says where the order is now.
        Announce(TimelineKind.StatusChanged, updated, actor, comment);
        return updated;
    }

    public async Task<WorkOrder> AssignAsync(
        string id, Assignee assignee, string actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var updated = await inner.AssignAsync(id, assignee, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
        Announce(TimelineKind.Assigned, updated, actor, assignee?.ToString());
        return updated;
    }

    public async Task<WorkOrder> EscalateAsync(
        string id,
        WorkOrderPriority priority,
        DateTimeOffset slaDueAt,
        string reason,
        string actor,
        int? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        var updated = await inner.EscalateAsync(id, priority, slaDueAt, reason, actor, expectedVersion, cancellationToken).ConfigureAwait(false);
        Announce(TimelineKind.Escalated, updated, actor, reason);
        return updated;
    }

    public Task<TimelineEntry> AddCommentAsync(string id, string text, string actor, CancellationToken cancellationToken = default) =>
        AddTimelineEntryAsync(id, TimelineKind.Comment, text, actor, cancellationToken);

    public async Task<TimelineEntry> AddTimelineEntryAsync(
        string id, TimelineKind kind, string? text, string actor, CancellationToken cancellationToken = default)
    {
        var entry = await inner.AddTimelineEntryAsync(id, kind, text, actor, cancellationToken).ConfigureAwait(false);
        // A note does not return the order, and subscribers need its crew to route the message: one extra read.
        if (await inner.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } order)
        {
            Announce(kind, order, actor, text, entry.At);
        }

        return entry;
    }

    public Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken = default) =>
        inner.GetTimelineAsync(id, cancellationToken);

    private void Announce(TimelineKind kind, WorkOrder order, string actor, string? text, DateTimeOffset? at = null)
    {
        var manager = kind == TimelineKind.Escalated ? roster?.ManagerOf(order.Location.Grid) : null;
        queue.Publish(new WorkOrderChange(kind, order, actor, text, at ?? order.UpdatedAt, manager));
    }
}
