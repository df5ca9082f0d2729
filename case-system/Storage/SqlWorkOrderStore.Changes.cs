using System.Globalization;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.SqlStorage;

namespace ParkCommunity.CaseSystem.Storage;

/// <summary>Changing work orders: status moves, assignment, escalation and timeline notes, each in one transaction with its timeline entry.</summary>
public abstract partial class SqlWorkOrderStore
{
    public Task<WorkOrder> TransitionAsync(
        string id, WorkOrderStatus target, string actor, string? comment = null, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (target == WorkOrderStatus.Assigned)
        {
            throw new ArgumentException("Assigning needs an assignee: use AssignAsync.", nameof(target));
        }

        WorkOrderValidation.ValidateEntry(actor, comment, textRequired: false);
        return ChangeAsync(id, expectedVersion, actor, current =>
        {
            WorkOrderTransitions.EnsureAllowed(id, current.Status, target);
            var kind = WorkOrderTransitions.IsReopen(current.Status, target) ? TimelineKind.Reopened : TimelineKind.StatusChanged;
            var text = $"{WireNames.Of(current.Status)} → {WireNames.Of(target)}" + (comment is null ? "" : $": {comment}");
            return (current with { Status = target }, kind, text);
        }, cancellationToken);
    }

    public Task<WorkOrder> AssignAsync(
        string id, Assignee assignee, string actor, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(assignee);
        WorkOrderValidation.ValidateEntry(actor, null, textRequired: false);
        return ChangeAsync(id, expectedVersion, actor, current =>
        {
            WorkOrderTransitions.EnsureAllowed(id, current.Status, WorkOrderStatus.Assigned);
            return (current with { Status = WorkOrderStatus.Assigned, Assignee = assignee }, TimelineKind.Assigned, assignee.ToString());
        }, cancellationToken);
    }

    public Task<TimelineEntry> AddCommentAsync(string id, string text, string actor, CancellationToken cancellationToken = default) =>
        AddTimelineEntryAsync(id, TimelineKind.Comment, text, actor, cancellationToken);

    public async Task<TimelineEntry> AddTimelineEntryAsync(
        string id, TimelineKind kind, string? text, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (kind is not (TimelineKind.Comment or TimelineKind.AlarmCleared or TimelineKind.Escalated))
        {
            throw new ArgumentException(
                $"Timeline kind {WireNames.Of(kind)} is recorded by the store itself with the change it describes.", nameof(kind));
        }

        WorkOrderValidation.ValidateEntry(actor, text, textRequired: kind == TimelineKind.Comment);
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var touched = await connection.Sql(transaction, "UPDATE work_orders SET updated_at = @now WHERE id = @id")
                    .With("@now", now.ToUnixTimeMilliseconds()).With("@id", id)
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                if (touched == 0)
                {
                    throw WorkOrderNotFoundException.For(id);
                }

                var entry = await AppendTimelineAsync(connection, transaction, id, now, kind, actor, text, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return entry;
            }
        }
    }

    public Task<WorkOrder> EscalateAsync(
        string id,
        WorkOrderPriority priority,
        DateTimeOffset slaDueAt,
        string reason,
        string actor,
        int? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Enum.IsDefined(priority))
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, "Unknown priority.");
        }

        WorkOrderValidation.ValidateEntry(actor, reason, textRequired: true);
        var due = DateTimeOffset.FromUnixTimeMilliseconds(slaDueAt.ToUnixTimeMilliseconds());
        return ChangeAsync(id, expectedVersion, actor, current =>
        {
            if (!WorkOrderTransitions.IsActive(current.Status))
            {
                throw new WorkOrderNotActiveException(id, current.Status);
            }

            // P1 < P4 numerically: escalation may keep the priority (P1 stays P1) but never lowers it.
            if (priority > current.Priority)
            {
                throw new ArgumentException(
                    $"Work order {id} is {WireNames.Of(current.Priority)}; escalating cannot lower it to {WireNames.Of(priority)}.", nameof(priority));
            }

            var text = string.Create(
                CultureInfo.InvariantCulture,
                $"{WireNames.Of(current.Priority)} → {WireNames.Of(priority)}, due {due:yyyy-MM-ddTHH:mm:ssZ}: {reason}");
            return (current with { Priority = priority, SlaDueAt = due }, TimelineKind.Escalated, text);
        }, cancellationToken);
    }

    /// <summary>
    /// Reads the order under a write lock, lets <paramref name="decide"/> compute the new state (or throw), and writes
    /// the row and its timeline entry in the same transaction.
    /// </summary>
    private async Task<WorkOrder> ChangeAsync(
        string id,
        int? expectedVersion,
        string actor,
        Func<WorkOrder, (WorkOrder Updated, TimelineKind Kind, string Text)> decide,
        CancellationToken cancellationToken)
    {
        var now = Now();
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var rows = await connection.Sql(transaction, $"SELECT {Columns} FROM work_orders WHERE id = @id{LockRowsClause}")
                    .With("@id", id)
                    .ReadAndDisposeAsync(ReadWorkOrder, cancellationToken).ConfigureAwait(false);
                var current = rows.SingleOrDefault() ?? throw WorkOrderNotFoundException.For(id);
                if (expectedVersion is { } expected && expected != current.Version)
                {
                    throw new WorkOrderConcurrencyException(id, expected, current.Version);
                }

                var (decided, kind, text) = decide(current);
                var updated = decided with { UpdatedAt = now, Version = current.Version + 1 };
                var written = await connection.Sql(
                        transaction,
                        "UPDATE work_orders SET status = @status, assignee_crew = @crew, assignee_person = @person, priority = @priority, " +
                        "sla_due_at = @due, updated_at = @now, version = @newVersion WHERE id = @id AND version = @version")
                    .With("@status", WireNames.Of(updated.Status))
                    .With("@priority", WireNames.Of(updated.Priority)).With("@due", updated.SlaDueAt.ToUnixTimeMilliseconds())
                    .With("@crew", updated.Assignee?.CrewId).With("@person", updated.Assignee?.Person)
                    .With("@now", now.ToUnixTimeMilliseconds()).With("@newVersion", updated.Version)
                    .With("@id", id).With("@version", current.Version)
                    .ExecuteAndDisposeAsync(cancellationToken).ConfigureAwait(false);
                if (written != 1)
                {
                    // Only reachable if the engine did not hold the row lock; kept as a guard against silent lost updates.
                    throw new WorkOrderConcurrencyException(id, current.Version, current.Version + 1);
                }

                await AppendTimelineAsync(connection, transaction, id, now, kind, actor, text, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                switch (kind)
                {
                    case TimelineKind.Assigned:
                        _logger.WorkOrderAssigned(id, text, actor);
                        _metrics.Transitioned(updated.Status);
                        break;
                    case TimelineKind.Escalated:
                        _logger.WorkOrderEscalated(id, WireNames.Of(current.Priority), WireNames.Of(updated.Priority), actor);
                        _metrics.Escalated(updated.Priority);
                        break;
                    default:
                        _logger.WorkOrderTransitioned(id, WireNames.Of(current.Status), WireNames.Of(updated.Status), actor);
                        _metrics.Transitioned(updated.Status);
                        break;
                }

                return updated;
            }
        }
    }
}
