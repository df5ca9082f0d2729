using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.TelemetryStore.Reading;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.EndToEnd;

/// <summary>
/// From a fault to a work order on the real stack: simulated devices → in-process broker → gateway → InfluxDB → rule
/// engine (Quartz) → alarm → case system. Rule timings are shortened (seconds, not minutes); everything else is as run.
/// </summary>
public sealed class LampFailureEndToEndTests
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan HeldFor = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SilentFor = TimeSpan.FromSeconds(6);

    private const string Rules = """
        rules:
          - id: lamp-failure
            name: Lamp switched on but dark
            select: { kind: light }
            threshold:
              all: ["on == true", "power_w < 5"]
              for: 4s
            every: 2s
            severity: major
            clearAfter: 2s
            workOrder:
              title: "Lamp {device} dark in {zone}"
              category: electrical
              priority: P2
          - id: device-silent
            name: Device silent or offline
            select: { kind: light }
            absence:
              silentFor: 6s
            every: 2s
            severity: minor
            clearAfter: 2s
            workOrder:
              title: "Device {device} not reporting"
              category: other
              priority: P3
        """;

    [Fact]
    public async Task AFailedLampBecomesOneWorkOrderForTheGridsElectriciansAndClearsWhenRestored()
    {
        var start = TimeProvider.System.GetUtcNow();
        await using var stack = new RealStack(Rules,
            ["lamp_failure:light-n-001:at=3s:for=25s", "silent:light-s-002:at=3s"], start);
        await stack.StartAsync();
        var alarm = new AlarmKey("lamp-failure", "light-n-001");

        // Raised: exactly one work order, routed to the electrical crew on shift for grid north.
        var order = await Eventually.ReturnsAsync(() => stack.WorkOrders.FindOpenByAlarmAsync(alarm), o => o?.Assignee is not null, TimeSpan.FromSeconds(40));
        Assert.NotNull(order);
        Assert.Equal(WorkOrderCategory.Electrical, order.Category);
        Assert.Equal("north", order.Location.Grid);
        Assert.Equal(ElectriciansOnShift(order.CreatedAt), order.Assignee!.CrewId);

        // Within two evaluation intervals of the moment the condition held (first dark reading + its 'for').
        var firstDark = await FirstDarkReadingAsync(stack.Telemetry, start);
        Assert.True(order.CreatedAt - (firstDark + HeldFor) <= 2 * Every,
            $"work order at {order.CreatedAt:O}, condition held from {firstDark + HeldFor:O}");

        // The rule engine restarts mid-alarm: no second work order, the alarm stays one alarm.
        await stack.RestartRuleEngineAsync();
        await Task.Delay(3 * Every);
        Assert.Single(await OrdersForAsync(stack.WorkOrders, alarm));
        Assert.Single(await stack.Alarms.ListCurrentAsync(new AlarmQuery { RuleId = "lamp-failure" }));

        // Restored (the fault lasts 25 s): the alarm clears and the work order's timeline says so.
        var timeline = await Eventually.ReturnsAsync(() => stack.WorkOrders.GetTimelineAsync(order.Id),
            entries => entries.Any(e => e.Kind == TimelineKind.AlarmCleared), TimeSpan.FromSeconds(60));
        Assert.Single(timeline, e => e.Kind == TimelineKind.AlarmCleared);
        Assert.Single(await OrdersForAsync(stack.WorkOrders, alarm));
        Assert.Empty(await stack.Alarms.ListCurrentAsync(new AlarmQuery { RuleId = "lamp-failure" }));
    }

    [Fact]
    public async Task ASilentDeviceIsFlaggedWithinOneIntervalOfItsDeadline()
    {
        var start = TimeProvider.System.GetUtcNow();
        await using var stack = new RealStack(Rules, ["silent:light-s-002:at=4s"], start);
        await stack.StartAsync();

        var raised = await Eventually.ReturnsAsync(
            () => stack.Alarms.ListCurrentAsync(new AlarmQuery { RuleId = "device-silent", Subject = "light-s-002" }),
            alarms => alarms.Count == 1, TimeSpan.FromSeconds(40));

        var lastHeard = (await stack.Telemetry.LatestAsync(new SeriesFilter("light", Devices: ["light-s-002"]), CancellationToken.None)).Single().Timestamp;
        var deadline = lastHeard + SilentFor;
        // One interval, plus a second for the trigger and the evaluation itself on a busy 2-core machine.
        Assert.InRange(raised[0].RaisedAt, deadline, deadline + Every + TimeSpan.FromSeconds(1));
        // Nobody else went silent.
        Assert.Single(await stack.Alarms.ListCurrentAsync(new AlarmQuery { RuleId = "device-silent" }));
    }

    /// <summary>The crew the sample roster has on shift for electrical work at <paramref name="at"/>, Shanghai time.</summary>
    private static string ElectriciansOnShift(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return local.Hour is >= 8 and < 20 ? "electricians-day" : "night-on-call";
    }

    private static async Task<DateTimeOffset> FirstDarkReadingAsync(ITelemetryReader reader, DateTimeOffset start)
    {
        var points = await reader.RangeAsync(new SeriesFilter("light", Devices: ["light-n-001"]),
            new TimeRange(start, start.AddMinutes(5)), 1000, CancellationToken.None);
        return points.First(p => p.Values["on"] is true && Convert.ToDouble(p.Values["power_w"], System.Globalization.CultureInfo.InvariantCulture) < 5).Timestamp;
    }

    private static async Task<IReadOnlyList<WorkOrder>> OrdersForAsync(IWorkOrderStore store, AlarmKey alarm) =>
        [.. (await store.ListAsync(new WorkOrderQuery { Take = WorkOrderQuery.MaxTake }))
            .Where(o => o.Source is AlarmSource source && source.AlarmKey == alarm)];
}
