using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>
/// The case system's storage port. Every mutation and its timeline entry are written in one transaction; times come
/// from the injected <see cref="TimeProvider"/>. Database errors are not swallowed: they reach the caller.
/// </summary>
public interface IWorkOrderStore
{
    /// <summary>Creates the schema or brings it up to date; safe to call from several nodes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a work order for an alarm unless one is already active (not closed or cancelled) for the same key, in
    /// which case that one is returned with <c>Created = false</c>. The database enforces the rule, so two rule
    /// nodes racing for the same alarm end up with one order.
    /// </summary>
    Task<AlarmWorkOrder> CreateForAlarmAsync(NewWorkOrder order, AlarmKey alarmKey, CancellationToken cancellationToken = default);

    /// <summary>Opens a work order for a resident's report.</summary>
    Task<WorkOrder> CreateAsync(NewWorkOrder order, ResidentReport report, CancellationToken cancellationToken = default);

    Task<WorkOrder?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The active (not closed or cancelled) work order for the alarm, if any.</summary>
    Task<WorkOrder?> FindOpenByAlarmAsync(AlarmKey alarmKey, CancellationToken cancellationToken = default);

    /// <summary>Work orders matching every set filter, oldest first.</summary>
    Task<IReadOnlyList<WorkOrder>> ListAsync(WorkOrderQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the order to <paramref name="target"/> (not <see cref="WorkOrderStatus.Assigned"/>: use <see cref="AssignAsync"/>).
    /// Throws <see cref="InvalidWorkOrderTransitionException"/>, <see cref="WorkOrderNotFoundException"/>, or
    /// <see cref="WorkOrderConcurrencyException"/> when <paramref name="expectedVersion"/> is given and stale.
    /// </summary>
    Task<WorkOrder> TransitionAsync(
        string id, WorkOrderStatus target, string actor, string? comment = null, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Assigns (from open) or reassigns (from assigned) the order.</summary>
    Task<WorkOrder> AssignAsync(
        string id, Assignee assignee, string actor, int? expectedVersion = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raises the order's priority (or keeps it: P1 stays P1) and moves its SLA due time, recording an
    /// <see cref="TimelineKind.Escalated"/> entry with from/to and <paramref name="reason"/>. Only active orders
    /// (open, assigned, in progress) can be escalated (<see cref="WorkOrderNotActiveException"/>); a lower priority is
    /// refused. Changes the version, like any other change of the order itself.
    /// </summary>
    Task<WorkOrder> EscalateAsync(
        string id,
        WorkOrderPriority priority,
        DateTimeOffset slaDueAt,
        string reason,
        string actor,
        int? expectedVersion = null,
        CancellationToken cancellationToken = default);

    Task<TimelineEntry> AddCommentAsync(string id, string text, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an outside event (alarm cleared, escalated, comment). Kinds that describe a state change the store makes
    /// itself (created, assigned, status changed, reopened) are refused, so the timeline cannot contradict the order.
    /// Does not change the order's version: a note must not make someone else's pending change fail.
    /// </summary>
    Task<TimelineEntry> AddTimelineEntryAsync(
        string id, TimelineKind kind, string? text, string actor, CancellationToken cancellationToken = default);

    /// <summary>The order's history in the order it happened; empty if the order does not exist.</summary>
    Task<IReadOnlyList<TimelineEntry>> GetTimelineAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>The result of <see cref="IWorkOrderStore.CreateForAlarmAsync"/>: the active order and whether this call opened it.</summary>
public sealed record AlarmWorkOrder(WorkOrder Order, bool Created);
