using System.Globalization;
using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Sla;

/// <summary>One order the escalator moved up, and the grid manager told about it (null when the grid has none).</summary>
public sealed record Escalation(WorkOrder Order, WorkOrderPriority From, GridManager? Manager);

/// <summary>
/// Escalates work orders that still need work after their SLA due time: one step up in priority (P4→P3→P2→P1; P1 stays
/// P1) and a new due time from the SLA of the new priority, counted from now. Because the new due time lies in the
/// future, an order escalates once per overdue period, and again only if that new period also runs out.
/// The grid's manager is told through the notifications (<c>managers/{grid}/escalations</c>), which read the
/// manager from the roster. Meant to be called on a timer (the rule engine's Quartz job).
/// </summary>
public sealed class SlaEscalator(IWorkOrderStore store, SlaPolicy sla, CrewRoster roster, TimeProvider time, ILogger<SlaEscalator> logger)
{
    public const string Actor = "sla-escalator";

    /// <summary>Escalates every order overdue now; returns what it escalated. Database errors reach the caller.</summary>
    public async Task<IReadOnlyList<Escalation>> EscalateOverdueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var overdue = await FindOverdueAsync(now, cancellationToken).ConfigureAwait(false);
        var escalations = new List<Escalation>();
        foreach (var order in overdue)
        {
            var to = order.Priority == WorkOrderPriority.P1 ? WorkOrderPriority.P1 : order.Priority - 1;
            var due = sla.DueAt(to, now);
            var manager = roster.ManagerOf(order.Location.Grid);
            var late = now - order.SlaDueAt;
            var notified = manager is null ? $"grid {order.Location.Grid} has no manager to notify" : $"manager {manager.Name} notified";
            var reason = string.Create(
                CultureInfo.InvariantCulture, $"SLA due {order.SlaDueAt:yyyy-MM-ddTHH:mm:ssZ} passed {late.TotalMinutes:0} min ago; {notified}");
            try
            {
                // The version read with the list: if anyone changed the order since, skip it; the next run looks again.
                var escalated = await store.EscalateAsync(order.Id, to, due, reason, Actor, order.Version, cancellationToken).ConfigureAwait(false);
                escalations.Add(new Escalation(escalated, order.Priority, manager));
                if (manager is null)
                {
                    logger.EscalatedWithoutManager(order.Id, order.Location.Grid);
                }
            }
            catch (Exception exception) when (exception is WorkOrderConcurrencyException or WorkOrderNotActiveException or WorkOrderNotFoundException)
            {
                logger.EscalationSkipped(order.Id, exception.Message);
            }
        }

        return escalations;
    }

    /// <summary>Reads the whole overdue set before changing any of it, so paging is not disturbed by the escalations.</summary>
    private async Task<List<WorkOrder>> FindOverdueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = new List<WorkOrder>();
        for (var skip = 0; ; skip += WorkOrderQuery.MaxTake)
        {
            var page = await store.ListAsync(new WorkOrderQuery { OverdueAt = now, Skip = skip, Take = WorkOrderQuery.MaxTake }, cancellationToken)
                .ConfigureAwait(false);
            all.AddRange(page);
            if (page.Count < WorkOrderQuery.MaxTake)
            {
                return all;
            }
        }
    }
}
