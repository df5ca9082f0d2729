using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Definitions;
using ParkCommunity.SiteRegistry;

namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>
/// Turns stored alarms into the API's alarm objects: the work order filled in from the case system when the alarm
/// store has not recorded it yet, a cleared alarm as the store kept it (or rebuilt from its history), and grid scope applied.
/// </summary>
internal sealed class AlarmViews(IAlarmStore store, IWorkOrderStore workOrders, CommunityRegistry registry, RuleCatalog catalog)
{
    /// <summary>An alarm with no grid (about a whole site) concerns every grid: only callers who see all grids see it.</summary>
    public static bool Sees(Caller caller, string? grid) => caller.Grids is null || (grid is not null && caller.Sees(grid));

    public async Task<AlarmJson> ViewAsync(Alarm alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        string? workOrderId = null;
        if (alarm.WorkOrderId is null && !alarm.RuleId.Contains('/', StringComparison.Ordinal))
        {
            // The rule engine records the order on the alarm a moment after opening it; until then ask the case system.
            var order = await workOrders.FindOpenByAlarmAsync(new AlarmKey(alarm.RuleId, alarm.Subject), cancellationToken).ConfigureAwait(false);
            workOrderId = order?.Id;
        }

        return AlarmJson.Of(alarm, workOrderId);
    }

    /// <summary>The alarm (current, or cleared and rebuilt from its history) with its history, or null when unknown or out of scope.</summary>
    public async Task<(AlarmJson Alarm, IReadOnlyList<AlarmHistoryEntry> History)?> FindAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var history = await store.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
        AlarmJson? view = null;
        if (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } current)
        {
            view = await ViewAsync(current, cancellationToken).ConfigureAwait(false);
        }
        else if (await store.GetClearedAsync(id, cancellationToken).ConfigureAwait(false) is { } cleared)
        {
            view = AlarmJson.Of(cleared);
        }
        else if (history.FirstOrDefault(h => h.Kind == AlarmHistoryKind.Raised) is { } raised)
        {
            view = Rebuild(raised, history);
        }

        return view is not null && Sees(caller, view.Grid) ? (view, history) : null;
    }

    /// <summary>An alarm cleared before the store kept cleared alarms (schema version 2) exists only in its history.</summary>
    private AlarmJson Rebuild(AlarmHistoryEntry raised, IReadOnlyList<AlarmHistoryEntry> history)
    {
        // The history keeps no location; a device subject finds it in the registry, anything else stays site-wide.
        var device = registry.TryFindDevice(raised.Subject, out var found) ? found : null;
        var cleared = history.LastOrDefault(h => h.Kind == AlarmHistoryKind.Cleared);
        var acknowledged = history.FirstOrDefault(h => h.Kind == AlarmHistoryKind.Acknowledged);
        return new AlarmJson(
            raised.AlarmId, raised.RuleId, catalog.Current.Find(raised.RuleId)?.Name ?? raised.RuleId, raised.Subject,
            AlarmJson.SeverityName(raised.Severity), cleared is null ? AlarmJson.Active : AlarmJson.Cleared,
            device?.Site.Id ?? "", device?.Grid.Id, device?.Zone.Id, device?.Id,
            raised.At, cleared?.At ?? raised.At, cleared?.At, raised.Detail ?? "", acknowledged?.Actor, acknowledged?.At, null);
    }
}
