using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Sqlite;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Alarms.Storage;
using ParkCommunity.Rules.Alarms.Storage.Sqlite;
using ParkCommunity.Rules.Tests.Storage;
using ParkCommunity.Rules.Tests.WorkOrders;
using ParkCommunity.Rules.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.Alarms;

/// <summary>From observations to alarms to work orders, on real SQLite alarm and case databases and the sample roster.</summary>
public sealed class AlarmTrackerTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly AlarmPolicy Dark = new("light-dark", "Street light dark", AlarmSeverity.Major, TimeSpan.FromMinutes(10));
    private static readonly WorkOrderTemplate Template = new("Street light {device} dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, null);
    private static readonly SubjectLocation Elm = new("tianfu-park", "north", "elm-street", "light-017", "light");

    private readonly TempDirectory _folder = new("pc-tracker");
    private readonly TestMeterFactory _meters = new();
    private readonly FakeTimeProvider _time = new(SampleRoster.DayShift);
    private readonly AlarmMetrics _metrics;
    private RuleEngineNode _node;

    public AlarmTrackerTests()
    {
        _metrics = new AlarmMetrics(_meters);
        _node = StartNode();
    }

    public async Task InitializeAsync()
    {
        await _node.Alarms.InitializeAsync();
        await _node.Cases.InitializeAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        _meters.Dispose();
    }

    /// <summary>A new process over the same two database files.</summary>
    private RuleEngineNode StartNode(string casesFile = "cases.db") => new(
        new SqliteAlarmStore(_folder.File("alarms.db"), _time, NullLogger<SqliteAlarmStore>.Instance),
        new SqliteWorkOrderStore(_folder.File(casesFile), _time, SlaPolicy.Default, NullLogger<SqliteWorkOrderStore>.Instance, new CaseSystemMetrics(_meters)),
        _time,
        _metrics);

    /// <summary>One evaluation of light-017 now, then the clock moves on by one interval.</summary>
    private async Task<IReadOnlyList<AlarmTransition>> EvaluateAsync(bool holds, string detail = "power_w 0.4 < 5", RuleEngineNode? node = null)
    {
        var transitions = await (node ?? _node).Tracker.ProcessAsync(
            Dark, [new SubjectObservation("light-017", Elm, holds, _time.GetUtcNow(), detail)], Template);
        _time.Advance(Interval);
        return transitions;
    }

    private Task<IReadOnlyList<WorkOrder>> WorkOrdersAsync() => _node.Cases.ListAsync(new WorkOrderQuery());

    [Fact]
    public async Task ALampFailureOpensOneAssignedWorkOrderAndItsRecoveryIsNotedOnIt()
    {
        await EvaluateAsync(holds: true);
        for (var i = 0; i < 5; i++)
        {
            await EvaluateAsync(holds: true);
        }

        var order = Assert.Single(await WorkOrdersAsync());
        Assert.Equal(("Street light light-017 dark", WorkOrderStatus.Assigned, "electricians-day"), (order.Title, order.Status, order.Assignee?.CrewId));
        var alarm = Assert.Single(await _node.Alarms.LoadRuleAsync("light-dark"));
        Assert.Equal((false, order.Id), (alarm.WorkOrderPending, alarm.WorkOrderId));

        await EvaluateAsync(holds: false, "power_w 41.5");
        _time.Advance(Dark.ClearAfter - Interval);
        var clear = await EvaluateAsync(holds: false, "power_w 41.2");

        Assert.Equal(AlarmTransitionKind.Cleared, Assert.Single(clear).Kind);
        Assert.Empty(await _node.Alarms.LoadRuleAsync("light-dark"));
        var note = (await _node.Cases.GetTimelineAsync(order.Id))[^1];
        Assert.Equal(TimelineKind.AlarmCleared, note.Kind);
        Assert.EndsWith("power_w 41.2", note.Text, StringComparison.Ordinal);
        Assert.Equal(
            [AlarmHistoryKind.Raised, AlarmHistoryKind.Cleared],
            (await _node.Alarms.GetHistoryAsync(alarm.Id)).Select(h => h.Kind));
    }

    [Fact]
    public async Task ARestartedEngineCreatesNoSecondWorkOrderForAnAlarmRaisedBefore()
    {
        await EvaluateAsync(holds: true);

        _node = StartNode();
        await EvaluateAsync(holds: true);
        var transitions = await EvaluateAsync(holds: true);

        Assert.DoesNotContain(transitions, t => t.Kind == AlarmTransitionKind.Raised);
        Assert.Single(await WorkOrdersAsync());
        Assert.Single(await _node.Alarms.GetSubjectHistoryAsync("light-017"));
    }

    [Fact]
    public async Task AnAlarmSavedWithoutItsWorkOrderGetsItAtTheNextEvaluation()
    {
        // The crash: the raise was saved, then the process died before it opened the work order.
        var raise = AlarmStateMachine.Apply(
            Dark, [], [new SubjectObservation("light-017", Elm, true, _time.GetUtcNow(), "power_w 0.4")], AlarmStateMachine.NewAlarmId);
        await _node.Alarms.SaveAsync(raise.Transitions);
        _time.Advance(Interval);

        _node = StartNode();
        var transitions = await EvaluateAsync(holds: true);

        Assert.DoesNotContain(transitions, t => t.Kind == AlarmTransitionKind.Raised);
        var order = Assert.Single(await WorkOrdersAsync());
        Assert.Equal("electricians-day", order.Assignee?.CrewId);
        var alarm = Assert.Single(await _node.Alarms.LoadRuleAsync("light-dark"));
        Assert.Equal((raise.Current[0].Id, false, order.Id), (alarm.Id, alarm.WorkOrderPending, alarm.WorkOrderId));
    }

    [Fact]
    public async Task WhenTheCaseStoreFailsTheAlarmIsKeptAndItsWorkOrderFollowsOnceTheStoreWorks()
    {
        // A case database whose schema was never created: every case store call fails.
        var broken = StartNode("cases-not-initialised.db");

        var failure = await Assert.ThrowsAsync<AggregateException>(() => EvaluateAsync(holds: true, node: broken));
        Assert.Contains("light-dark", failure.Message, StringComparison.Ordinal);
        Assert.True(Assert.Single(await _node.Alarms.LoadRuleAsync("light-dark")).WorkOrderPending);

        await EvaluateAsync(holds: true);

        Assert.Single(await WorkOrdersAsync());
        Assert.False(Assert.Single(await _node.Alarms.LoadRuleAsync("light-dark")).WorkOrderPending);
    }

    [Fact]
    public async Task WhenTheCaseStoreFailsAtTheClearTheNoteFollowsOnceTheStoreWorks()
    {
        await EvaluateAsync(holds: true);
        var order = Assert.Single(await WorkOrdersAsync());
        var broken = StartNode("cases-not-initialised.db");

        await Assert.ThrowsAsync<AggregateException>(() => broken.Tracker.ClearAsync("light-dark", "rule light-dark was disabled"));
        Assert.Empty(await _node.Alarms.LoadRuleAsync("light-dark"));
        Assert.DoesNotContain(await _node.Cases.GetTimelineAsync(order.Id), t => t.Kind == TimelineKind.AlarmCleared);

        await EvaluateAsync(holds: false);

        Assert.Single(await _node.Cases.GetTimelineAsync(order.Id), t => t.Kind == TimelineKind.AlarmCleared);
        Assert.Empty(await _node.Alarms.LoadClearNotesAsync("light-dark"));
        await EvaluateAsync(holds: false);
        Assert.Single(await _node.Cases.GetTimelineAsync(order.Id), t => t.Kind == TimelineKind.AlarmCleared);
    }

    [Fact]
    public async Task ClearingADisabledRulesAlarmsNotesItOnTheirWorkOrders()
    {
        await EvaluateAsync(holds: true);

        var transitions = await _node.Tracker.ClearAsync("light-dark", "rule light-dark was disabled");

        Assert.Equal(AlarmTransitionKind.Cleared, Assert.Single(transitions).Kind);
        Assert.Empty(await _node.Alarms.LoadRuleAsync("light-dark"));
        var note = (await _node.Cases.GetTimelineAsync(Assert.Single(await WorkOrdersAsync()).Id))[^1];
        Assert.Equal(TimelineKind.AlarmCleared, note.Kind);
        Assert.EndsWith("rule light-dark was disabled", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearingSubjectsThatLeftTheSelectionKeepsTheOthers()
    {
        await _node.Tracker.ProcessAsync(
            Dark,
            [
                new SubjectObservation("light-017", Elm, true, _time.GetUtcNow(), "dark"),
                new SubjectObservation("light-018", Elm with { Device = "light-018" }, true, _time.GetUtcNow(), "dark"),
            ],
            Template);

        await _node.Tracker.ClearAsync("light-dark", "light-018 was removed from the registry", new HashSet<string> { "light-017" });

        Assert.Equal("light-017", Assert.Single(await _node.Alarms.LoadRuleAsync("light-dark")).Subject);
    }

    [Fact]
    public async Task RaisesAndClearsAreCounted()
    {
        var counts = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AlarmMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Other test classes raise alarms at the same time; count only this rule's.
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "rule", Value: "light-dark" })
                {
                    counts[instrument.Name] = counts.GetValueOrDefault(instrument.Name) + value;
                }
            }
        });
        listener.Start();

        await EvaluateAsync(holds: true);
        await EvaluateAsync(holds: true);
        await _node.Tracker.ClearAsync("light-dark", "rule deleted");

        Assert.Equal(1, counts.GetValueOrDefault("pc.alarms.raised"));
        Assert.Equal(1, counts.GetValueOrDefault("pc.alarms.cleared"));
    }
}
