using ParkCommunity.DashboardApi.Live;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.DashboardApi.Alarms;

/// <summary>
/// Reads the current alarms every <see cref="Interval"/> while anyone listens on <c>/api/live</c>, and publishes
/// (<c>event: alarm</c>) each alarm that is new or changed since the last read, and each that is gone — as cleared.
/// Reading the alarm store (not the rule engine's memory) works the same with one rule-engine node or several.
/// </summary>
internal sealed class AlarmPoller(
    IAlarmStore store, CurrentAlarms alarms, AlarmViews views, LiveUpdates live, TimeProvider time, ILogger<AlarmPoller> logger)
    : LivePoller(live, time, logger)
{
    private Dictionary<string, Seen>? _last;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);

    protected override string Source => "the current alarms from the alarm store";

    protected override void ForgetBaseline() => _last = null;

    protected override async Task PublishChangesAsync(CancellationToken cancellationToken)
    {
        var current = await alarms.ReadAsync(new AlarmQuery(), cancellationToken).ConfigureAwait(false);
        var previous = _last;
        var next = new Dictionary<string, Seen>(StringComparer.Ordinal);
        foreach (var alarm in current)
        {
            var seen = previous?.GetValueOrDefault(alarm.Id);
            var changed = previous is not null && (seen is null || Changed(seen.Alarm, alarm));
            // The work order id is looked up only for alarms that are new or changed: a steady alarm costs no query.
            var view = seen is not null && !changed ? seen.View : await views.ViewAsync(alarm, cancellationToken).ConfigureAwait(false);
            next[alarm.Id] = new Seen(alarm, view);
            if (changed)
            {
                Publish(view);
            }
        }

        _last = next;
        if (previous is null)
        {
            return;
        }

        foreach (var (id, (_, view)) in previous.Where(p => !next.ContainsKey(p.Key)))
        {
            var history = await store.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false);
            var clearedAt = history.LastOrDefault(h => h.Kind == AlarmHistoryKind.Cleared)?.At ?? Time.GetUtcNow();
            Publish(view.AsCleared(clearedAt));
        }
    }

    private static bool Changed(Alarm before, Alarm now) =>
        before.Status != now.Status || before.LastHeldAt != now.LastHeldAt || before.Version != now.Version
        || before.AcknowledgedAt != now.AcknowledgedAt || before.WorkOrderId != now.WorkOrderId || before.Detail != now.Detail;

    private sealed record Seen(Alarm Alarm, AlarmJson View);

    private void Publish(AlarmJson view) => Live.Publish(new LiveEvent(LiveEvent.Alarm, view.Grid ?? "", view));
}
