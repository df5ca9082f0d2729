using System.Diagnostics.Metrics;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Diagnostics;

/// <summary>Counters of the case system, on meter <see cref="MeterName"/>.</summary>
public sealed class CaseSystemMetrics
{
    public const string MeterName = "ParkCommunity.CaseSystem";

    private readonly Counter<long> _created;
    private readonly Counter<long> _alarmDuplicates;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _escalations;
    private readonly Counter<long> _notificationsDelivered;
    private readonly Counter<long> _notificationsDropped;
    private readonly Counter<long> _notificationsGivenUp;

    public CaseSystemMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("pc.work_orders.created", "{work_order}", "Work orders opened, by source and category.");
        _alarmDuplicates = meter.CreateCounter<long>(
            "pc.work_orders.alarm_duplicates", "{request}", "Requests to open a work order for an alarm that already had one.");
        _transitions = meter.CreateCounter<long>("pc.work_orders.transitions", "{transition}", "Status changes, by target status.");
        _escalations = meter.CreateCounter<long>("pc.work_orders.escalations", "{escalation}", "SLA escalations, by new priority.");
        _notificationsDelivered = meter.CreateCounter<long>(
            "pc.work_orders.notifications.delivered", "{notification}", "Notifications delivered, by destination.");
        _notificationsDropped = meter.CreateCounter<long>(
            "pc.work_orders.notifications.dropped", "{notification}", "Notifications dropped because a destination's queue was full.");
        _notificationsGivenUp = meter.CreateCounter<long>(
            "pc.work_orders.notifications.given_up", "{notification}", "Notifications given up after every retry failed.");
    }

    internal void Created(string source, WorkOrderCategory category) =>
        _created.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("category", WireNames.Of(category)));

    internal void AlarmDuplicate() => _alarmDuplicates.Add(1);

    internal void NotificationDelivered(string destination) => _notificationsDelivered.Add(1, new KeyValuePair<string, object?>("destination", destination));

    internal void NotificationDropped(string destination) => _notificationsDropped.Add(1, new KeyValuePair<string, object?>("destination", destination));

    internal void NotificationGivenUp(string destination) => _notificationsGivenUp.Add(1, new KeyValuePair<string, object?>("destination", destination));

    internal void Escalated(WorkOrderPriority to) => _escalations.Add(1, new KeyValuePair<string, object?>("to", WireNames.Of(to)));

    internal void Transitioned(WorkOrderStatus to) => _transitions.Add(1, new KeyValuePair<string, object?>("to", WireNames.Of(to)));
}
