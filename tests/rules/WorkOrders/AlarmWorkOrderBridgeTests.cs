using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Storage.Sqlite;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.Rules.Alarms;
using ParkCommunity.Rules.Tests.Storage;
using ParkCommunity.Rules.WorkOrders;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Rules.Tests.WorkOrders;

/// <summary>The bridge against the real SQLite case store and the sample community's roster.</summary>
public sealed class AlarmWorkOrderBridgeTests : IAsyncLifetime, IDisposable
{
    private static readonly WorkOrderTemplate Template =
        new("Street light {device} dark in {zone} ({rule})", WorkOrderCategory.Electrical, WorkOrderPriority.P2, TimeSpan.FromHours(6));

    private readonly TempDirectory _folder = new("pc-bridge");
    private readonly TestMeterFactory _meters = new();
    private readonly FakeTimeProvider _time = new(SampleRoster.DayShift);
    private readonly SqliteWorkOrderStore _cases;
    private readonly AlarmWorkOrderBridge _bridge;

    public AlarmWorkOrderBridgeTests()
    {
        _cases = new SqliteWorkOrderStore(
            _folder.File("cases.db"), _time, SlaPolicy.Default, NullLogger<SqliteWorkOrderStore>.Instance, new CaseSystemMetrics(_meters));
        _bridge = new AlarmWorkOrderBridge(
            _cases, new WorkOrderRouter(SampleRoster.Load(), _time), _time, NullLogger<AlarmWorkOrderBridge>.Instance);
    }

    public Task InitializeAsync() => _cases.InitializeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        _meters.Dispose();
    }

    private Alarm Raised(string subject = "light-017", string? grid = "north") =>
        AlarmStateMachine.Apply(
                new AlarmPolicy("light-dark", "Street light dark", AlarmSeverity.Major, TimeSpan.FromMinutes(10)),
                [],
                [new SubjectObservation(subject, new SubjectLocation("tianfu-park", grid, "elm-street", subject, "light"), true, _time.GetUtcNow(), "power_w 0.4")],
                AlarmStateMachine.NewAlarmId)
            .Current.Single();

    [Fact]
    public async Task ARaisedAlarmOpensAWorkOrderAssignedToTheCrewOnShift()
    {
        var id = await _bridge.OpenAsync(Raised(), Template);

        var order = await _cases.GetAsync(id!);
        Assert.NotNull(order);
        Assert.Equal("Street light light-017 dark in elm-street (Street light dark)", order.Title);
        Assert.Equal((WorkOrderCategory.Electrical, WorkOrderPriority.P2), (order.Category, order.Priority));
        Assert.Equal(new WorkOrderLocation("tianfu-park", "north", "elm-street", "light-017"), order.Location);
        Assert.Equal(new AlarmSource(new AlarmKey("light-dark", "light-017")), order.Source);
        Assert.Equal(SampleRoster.DayShift.AddHours(6), order.SlaDueAt);
        Assert.Equal((WorkOrderStatus.Assigned, "electricians-day"), (order.Status, order.Assignee?.CrewId));
        var timeline = await _cases.GetTimelineAsync(order.Id);
        Assert.Equal([TimelineKind.Created, TimelineKind.Assigned], timeline.Select(t => t.Kind));
        Assert.All(timeline, t => Assert.Equal(AlarmWorkOrderBridge.Actor, t.Actor));
    }

    [Fact]
    public async Task WithoutAnSlaInTheTemplateTheCaseSystemsSlaForThePriorityApplies()
    {
        var id = await _bridge.OpenAsync(Raised(), Template with { Sla = null });

        Assert.Equal(SampleRoster.DayShift + SlaPolicy.Default.P2, (await _cases.GetAsync(id!))!.SlaDueAt);
    }

    [Fact]
    public async Task OpeningTheSameAlarmAgainReturnsTheSameOrderAndChangesNothing()
    {
        var alarm = Raised();
        var first = await _bridge.OpenAsync(alarm, Template);

        var second = await _bridge.OpenAsync(alarm, Template);

        Assert.Equal(first, second);
        Assert.Single(await _cases.ListAsync(new WorkOrderQuery()));
        Assert.Equal(2, (await _cases.GetTimelineAsync(first!)).Count);
    }

    [Fact]
    public async Task WithNobodyToRouteToTheOrderStaysOpenWithTheReasonOnItsTimeline()
    {
        var id = await _bridge.OpenAsync(Raised("light-900", grid: "east"), Template);

        var order = await _cases.GetAsync(id!);
        Assert.Equal((WorkOrderStatus.Open, (Assignee?)null), (order!.Status, order.Assignee));
        var note = (await _cases.GetTimelineAsync(id!))[^1];
        Assert.Equal(TimelineKind.Comment, note.Kind);
        Assert.Contains("grid east has no default crew", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrderOpenedButNotYetRoutedIsRoutedWhenTheAlarmIsOpenedAgain()
    {
        var alarm = Raised();
        var bare = await _cases.CreateForAlarmAsync(
            new NewWorkOrder("Street light dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", "north"), "rule-engine"),
            new AlarmKey(alarm.RuleId, alarm.Subject));

        var id = await _bridge.OpenAsync(alarm, Template);

        Assert.Equal(bare.Order.Id, id);
        Assert.Equal("electricians-day", (await _cases.GetAsync(id!))!.Assignee?.CrewId);
    }

    [Fact]
    public async Task AnOrderSomeoneAlreadyAssignedIsLeftAsItIs()
    {
        var alarm = Raised();
        var id = await _bridge.OpenAsync(alarm, Template);
        await _cases.AssignAsync(id!, new Assignee("night-on-call", "wang"), "manager-li");

        await _bridge.OpenAsync(alarm, Template);

        Assert.Equal(new Assignee("night-on-call", "wang"), (await _cases.GetAsync(id!))!.Assignee);
    }

    [Fact]
    public async Task AClearIsNotedOnTheAlarmsOpenOrder()
    {
        var alarm = Raised();
        var id = await _bridge.OpenAsync(alarm, Template);
        _time.Advance(TimeSpan.FromMinutes(30));

        await _bridge.NoteClearedAsync(new AlarmClearNote(alarm.Id, alarm.RuleId, alarm.Subject, _time.GetUtcNow(), "power_w 41.5"));

        var note = (await _cases.GetTimelineAsync(id!))[^1];
        Assert.Equal((TimelineKind.AlarmCleared, AlarmWorkOrderBridge.Actor), (note.Kind, note.Actor));
        Assert.Equal("Alarm cleared at 2026-03-14 02:30:00 UTC: power_w 41.5", note.Text);
    }

    [Fact]
    public async Task AClearWithoutAnOpenOrderNotesNothing()
    {
        var alarm = Raised();

        await _bridge.NoteClearedAsync(new AlarmClearNote(alarm.Id, alarm.RuleId, alarm.Subject, _time.GetUtcNow(), "lit"));

        Assert.Empty(await _cases.ListAsync(new WorkOrderQuery()));
    }

    [Fact]
    public async Task AnAlarmWithoutAGridGetsNoWorkOrder()
    {
        var id = await _bridge.OpenAsync(Raised("tianfu-park", grid: null), Template);

        Assert.Null(id);
        Assert.Empty(await _cases.ListAsync(new WorkOrderQuery()));
    }

    [Fact]
    public async Task AnAlarmTheCaseSystemRefusesGetsNoWorkOrder()
    {
        var id = await _bridge.OpenAsync(Raised("light 017 with spaces"), Template);

        Assert.Null(id);
        Assert.Empty(await _cases.ListAsync(new WorkOrderQuery()));
    }

    [Fact]
    public void ALongTitleIsCutToTheCaseSystemsLimit()
    {
        var title = (Template with { Title = new string('x', 190) + " {detail}" }).RenderTitle(Raised() with { Detail = new string('y', 100) });

        Assert.Equal(WorkOrderTemplate.MaxTitleLength, title.Length);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateWithAMisspeltPlaceholderIsReported()
    {
        var problems = (Template with { Title = "Light {device} dark in {zone} ({devise})" }).Problems();

        Assert.StartsWith("Title uses unknown placeholder {devise} (known: {rule}, {subject}", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(Template.Problems());
    }

    [Fact]
    public void ATemplateReportsEveryProblem()
    {
        var problems = new WorkOrderTemplate(" ", (WorkOrderCategory)99, WorkOrderPriority.P1, TimeSpan.Zero).Problems();

        Assert.Equal(["Title is empty", "Category 99 is unknown", "Sla must be more than zero and at most 365 days, not 00:00:00"], problems);
    }
}
