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

    public CaseSystemMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _created = meter.CreateCounter<long>("pc.work_orders.created", "{work_order}", "Work orders opened, by source and category.");
        _alarmDuplicates = meter.CreateCounter<long>(
            "pc.work_orders.alarm_duplicates", "{request}", "Requests to open a work order for an alarm that already had one.");
        _transitions = meter.CreateCounter<long>("pc.work_orders.transitions", "{transition}", "Status changes, by target status.");
    }

    internal void Created(string source, WorkOrderCategory category) =>
        _created.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("category", WireNames.Of(category)));

    internal void AlarmDuplicate() => _alarmDuplicates.Add(1);

    internal void Transitioned(WorkOrderStatus to) => _transitions.Add(1, new KeyValuePair<string, object?>("to", WireNames.Of(to)));
}
