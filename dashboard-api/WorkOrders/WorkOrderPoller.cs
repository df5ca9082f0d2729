using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Live;

namespace ParkCommunity.DashboardApi.WorkOrders;

/// <summary>
/// Publishes (<c>event: work-order</c>) changes made to work orders outside this API — opened by the rule engine,
/// reported by residents through Open311, escalated by the SLA watch — which the endpoints' own publishing never
/// sees. Every 2 s while anyone listens on <c>/api/live</c>, it reads the orders still in play (not
/// closed or cancelled) and publishes each that is new or whose version changed, and the final state of each that
/// left the set. Reading the case store works the same whichever process made the change.
/// </summary>
internal sealed class WorkOrderPoller(IWorkOrderStore store, LiveUpdates live, TimeProvider time, ILogger<WorkOrderPoller> logger)
    : LivePoller(live, time, logger)
{
    private static readonly IReadOnlySet<WorkOrderStatus> InPlay =
        new HashSet<WorkOrderStatus> { WorkOrderStatus.Open, WorkOrderStatus.Assigned, WorkOrderStatus.InProgress, WorkOrderStatus.Resolved };

    private Dictionary<string, int>? _versions;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string Source => "the work orders in play from the case store";

    protected override void ForgetBaseline() => _versions = null;

    protected override async Task PublishChangesAsync(CancellationToken cancellationToken)
    {
        var orders = await store.ListAsync(new WorkOrderQuery { Statuses = InPlay, Take = WorkOrderQuery.MaxTake }, cancellationToken).ConfigureAwait(false);
        var previous = _versions;
        _versions = orders.ToDictionary(order => order.Id, order => order.Version, StringComparer.Ordinal);
        if (previous is null)
        {
            return;
        }

        foreach (var order in orders.Where(o => !previous.TryGetValue(o.Id, out var version) || version != o.Version))
        {
            Publish(order);
        }

        foreach (var id in previous.Keys.Where(id => !_versions.ContainsKey(id)))
        {
            if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } finished)
            {
                Publish(finished);
            }
        }
    }

    private void Publish(WorkOrder order) =>
        Live.Publish(new LiveEvent(LiveEvent.WorkOrder, order.Location.Grid, WorkOrderJson.Of(order, Time.GetUtcNow())));
}
