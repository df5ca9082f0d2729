using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Tests.Support;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Routing;

public sealed class WorkOrderIntakeTests : IAsyncLifetime
{
    // Monday 10:00 in Asia/Shanghai.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 16, 2, 0, 0, TimeSpan.Zero));
    private SqliteCaseStore _cases = null!;
    private WorkOrderIntake _intake = null!;

    public async Task InitializeAsync()
    {
        _cases = await SqliteCaseStore.CreateAsync(_time);
        _intake = new WorkOrderIntake(_cases.Store, new WorkOrderRouter(SqliteCaseStore.SampleRoster, _time), NullLogger<WorkOrderIntake>.Instance);
    }

    public async Task DisposeAsync() => await _cases.DisposeAsync();

    private static NewWorkOrder Dark(string grid = "north") =>
        new("Lamp dark", WorkOrderCategory.Electrical, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", grid), "rule-engine");

    [Fact]
    public async Task ANewAlarmOrderIsAssignedToTheCrewOnShift()
    {
        var opened = await _intake.OpenForAlarmAsync(Dark(), new AlarmKey("light-dark", "light-017"));

        Assert.True(opened.Created);
        Assert.Equal(new Assignee("electricians-day"), opened.Order.Assignee);
        Assert.Equal(WorkOrderStatus.Assigned, (await _cases.Store.GetAsync(opened.Order.Id))!.Status);
    }

    [Fact]
    public async Task AnAlarmThatAlreadyHasAnOrderIsNeitherReopenedNorRoutedAgain()
    {
        var first = await _intake.OpenForAlarmAsync(Dark(), new AlarmKey("light-dark", "light-017"));

        var second = await _intake.OpenForAlarmAsync(Dark(), new AlarmKey("light-dark", "light-017"));

        Assert.False(second.Created);
        Assert.Null(second.Routing);
        Assert.Equal(first.Order, second.Order);
        Assert.Single(await _cases.Store.GetTimelineAsync(first.Order.Id), e => e.Kind == TimelineKind.Assigned);
    }

    [Fact]
    public async Task WhenNobodyFitsTheOrderStaysOpenWithTheReasonOnItsTimeline()
    {
        var opened = await _intake.OpenForReportAsync(Dark(grid: "east"), new ResidentReport("hotline"));

        Assert.Equal(WorkOrderStatus.Open, opened.Order.Status);
        Assert.False(opened.Routing!.IsAssigned);
        var note = (await _cases.Store.GetTimelineAsync(opened.Order.Id))[^1];
        Assert.Equal(TimelineKind.Comment, note.Kind);
        Assert.Equal(opened.Routing.Reason, note.Text);
    }
}
