using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Routing;

/// <summary>The outcome of <see cref="WorkOrderIntake"/>: the order as it stands, whether this call opened it, and the routing decision.</summary>
public sealed record OpenedWorkOrder(WorkOrder Order, bool Created, RoutingDecision? Routing);

/// <summary>
/// Opens a work order and hands it to the right crew in one step — the path shared by alarms (rule engine) and residents'
/// reports (Open311). When the router finds nobody, the order stays open with the reason on its timeline so a dispatcher
/// sees why. An alarm that already had an order is returned as is, neither routed nor noted again.
/// </summary>
public sealed class WorkOrderIntake(IWorkOrderStore store, WorkOrderRouter router, ILogger<WorkOrderIntake> logger)
{
    public async Task<OpenedWorkOrder> OpenForAlarmAsync(NewWorkOrder order, AlarmKey alarmKey, CancellationToken cancellationToken = default)
    {
        var opened = await store.CreateForAlarmAsync(order, alarmKey, cancellationToken).ConfigureAwait(false);
        return opened.Created
            ? await RouteAsync(opened.Order, order.CreatedBy, cancellationToken).ConfigureAwait(false)
            : new OpenedWorkOrder(opened.Order, Created: false, Routing: null);
    }

    public async Task<OpenedWorkOrder> OpenForReportAsync(NewWorkOrder order, ResidentReport report, CancellationToken cancellationToken = default)
    {
        var created = await store.CreateAsync(order, report, cancellationToken).ConfigureAwait(false);
        return await RouteAsync(created, order.CreatedBy, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OpenedWorkOrder> RouteAsync(WorkOrder order, string actor, CancellationToken cancellationToken)
    {
        var decision = router.Route(order.Category, order.Location.Grid);
        if (decision.CrewId is { } crew)
        {
            var assigned = await store.AssignAsync(order.Id, new Assignee(crew), actor, order.Version, cancellationToken).ConfigureAwait(false);
            return new OpenedWorkOrder(assigned, Created: true, decision);
        }

        await store.AddCommentAsync(order.Id, decision.Reason, actor, cancellationToken).ConfigureAwait(false);
        logger.WorkOrderNotRouted(order.Id, decision.Reason);
        return new OpenedWorkOrder(order, Created: true, decision);
    }
}
