using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Tests.WorkOrders;
using ParkCommunity.Rules.WorkOrders;

namespace ParkCommunity.Rules.Tests.Alarms;

/// <summary>
/// What one rule-engine process holds for alarms: its own store instances over the shared databases, a tracker and
/// a bridge routing by the sample roster. A second node, or the same node after a restart, is another instance.
/// </summary>
public sealed class RuleEngineNode
{
    public RuleEngineNode(IAlarmStore alarms, IWorkOrderStore cases, FakeTimeProvider time, AlarmMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(time);
        Alarms = alarms;
        Cases = cases;
        var bridge = new AlarmWorkOrderBridge(cases, new WorkOrderRouter(SampleRoster.Load(), time), time, NullLogger<AlarmWorkOrderBridge>.Instance);
        Tracker = new AlarmTracker(alarms, bridge, time, metrics, Log);
    }

    public IAlarmStore Alarms { get; }

    public IWorkOrderStore Cases { get; }

    public AlarmTracker Tracker { get; }

    public CollectingLogger<AlarmTracker> Log { get; } = new();
}
