using Microsoft.Extensions.Logging;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;

namespace ParkCommunity.Rules.WorkOrders;

/// <summary>
/// Turns alarms into work orders: a raised alarm opens one (idempotent per alarm key, so retrying after a crash or
/// racing another node is safe) and routes it to the crew on duty; a cleared alarm is noted on its open order.
/// </summary>
public sealed class AlarmWorkOrderBridge
{
    /// <summary>Who the case system's timeline shows as having acted.</summary>
    public const string Actor = "rule-engine";

    private readonly IWorkOrderStore _workOrders;
    private readonly WorkOrderRouter _router;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AlarmWorkOrderBridge(IWorkOrderStore workOrders, WorkOrderRouter router, TimeProvider time, ILogger<AlarmWorkOrderBridge> logger)
    {
        _workOrders = workOrders ?? throw new ArgumentNullException(nameof(workOrders));
        _router = router ?? throw new ArgumentNullException(nameof(router));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Opens the alarm's work order, or finds the one already open, and returns its id; null when the alarm cannot
    /// have one (no grid to route by, an id the case system refuses), which is logged as an error naming the alarm.
    /// A new order is assigned to the crew the router picks; with nobody to pick it stays open and the router's
    /// reason goes on its timeline. Database errors are thrown, so the caller retries at the next evaluation.
    /// </summary>
    public async Task<string?> OpenAsync(Alarm alarm, WorkOrderTemplate template, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(template);
        if (alarm.Location.Grid is not { } grid)
        {
            // Crews are routed by grid, and the case system requires one; a site-wide subject needs a grid in its rule.
            _logger.WorkOrderImpossible(alarm.Id, alarm.RuleId, alarm.Subject, "its location has no grid to route the work order by");
            return null;
        }

        AlarmWorkOrder result;
        AlarmKey key;
        try
        {
            key = new AlarmKey(alarm.RuleId, alarm.Subject);
            var order = new NewWorkOrder(
                template.RenderTitle(alarm),
                template.Category,
                template.Priority,
                new WorkOrderLocation(alarm.Location.Site, grid, alarm.Location.Zone, alarm.Location.Device),
                Actor,
                template.Sla is { } sla ? _time.GetUtcNow() + sla : null);
            result = await _workOrders.CreateForAlarmAsync(order, key, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            // InvalidWorkOrderException and a too-long alarm key: the same input will fail every time, so stop here.
            _logger.WorkOrderImpossible(alarm.Id, alarm.RuleId, alarm.Subject, exception.Message);
            return null;
        }

        if (result.Created)
        {
            _logger.WorkOrderOpened(result.Order.Id, key.ToString());
        }
        else
        {
            _logger.WorkOrderAlreadyOpen(key.ToString(), result.Order.Id);
        }

        // An order that exists but is still open and unassigned was opened by a run that died before routing it.
        if (result.Created || result.Order is { Status: WorkOrderStatus.Open, Assignee: null })
        {
            await RouteAsync(result.Order, cancellationToken).ConfigureAwait(false);
        }

        return result.Order.Id;
    }

    /// <summary>Adds an "alarm cleared" entry to the alarm's open work order, if it has one.</summary>
    public async Task NoteClearedAsync(AlarmClearNote clear, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clear);
        var key = new AlarmKey(clear.RuleId, clear.Subject);
        if (await _workOrders.FindOpenByAlarmAsync(key, cancellationToken).ConfigureAwait(false) is not { } order)
        {
            _logger.AlarmClearedWithoutOrder(key.ToString());
            return;
        }

        // Observation times may carry any offset; the text says UTC, so convert rather than print the offset's clock.
        var at = clear.ClearedAt.UtcDateTime;
        var text = string.IsNullOrWhiteSpace(clear.Detail)
            ? $"Alarm cleared at {at:yyyy-MM-dd HH:mm:ss} UTC"
            : $"Alarm cleared at {at:yyyy-MM-dd HH:mm:ss} UTC: {clear.Detail}";
        await _workOrders.AddTimelineEntryAsync(order.Id, TimelineKind.AlarmCleared, text, Actor, cancellationToken).ConfigureAwait(false);
        _logger.AlarmClearedNoted(key.ToString(), order.Id);
    }

    private async Task RouteAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var decision = _router.Route(order.Category, order.Location.Grid);
        if (decision.CrewId is not { } crew)
        {
            await _workOrders.AddTimelineEntryAsync(order.Id, TimelineKind.Comment, decision.Reason, Actor, cancellationToken).ConfigureAwait(false);
            _logger.WorkOrderUnrouted(order.Id, decision.Reason);
            return;
        }

        try
        {
            // Only if nobody touched the order since it was opened: a person's (or another node's) assignment wins.
            await _workOrders.AssignAsync(order.Id, new Assignee(crew), Actor, order.Version, cancellationToken).ConfigureAwait(false);
            _logger.WorkOrderRouted(order.Id, crew, decision.Reason);
        }
        catch (Exception exception) when (exception is WorkOrderConcurrencyException or InvalidWorkOrderTransitionException)
        {
            _logger.WorkOrderChangedBeforeRouting(order.Id);
        }
    }
}
