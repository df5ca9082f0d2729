using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Tests.Support;
using ParkCommunity.CaseSystem.WorkOrders;

using ParkCommunity.TestSupport;

namespace ParkCommunity.CaseSystem.Tests.Storage;

/// <summary>
/// What every <see cref="IWorkOrderStore"/> must do, run against each real database by a subclass.
/// Each test starts from an empty, initialised database.
/// </summary>
public abstract partial class WorkOrderStoreContract : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly TestMeterFactory _meters = new();

    protected FakeTimeProvider Time { get; } = new(Start);

    protected CaseSystemMetrics Metrics { get; }

    protected IWorkOrderStore Store { get; private set; } = null!;

    protected WorkOrderStoreContract() => Metrics = new CaseSystemMetrics(_meters);

    /// <summary>An empty database for this test.</summary>
    protected abstract Task PrepareEmptyDatabaseAsync();

    /// <summary>A new, independent store instance over this test's database, as another node or a restart would have.</summary>
    protected abstract IWorkOrderStore CreateNode();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        await PrepareEmptyDatabaseAsync();
        Store = CreateNode();
        await Store.InitializeAsync();
    }

    public Task DisposeAsync() => CleanUpAsync();

    public void Dispose()
    {
        _meters.Dispose();
        GC.SuppressFinalize(this);
    }

    private static NewWorkOrder Dark(string grid = "north", WorkOrderCategory category = WorkOrderCategory.Electrical) =>
        new("Street light dark", category, WorkOrderPriority.P2, new WorkOrderLocation("tianfu-park", grid, "elm-street", "light-017"), "rules-node-1");

    private static readonly AlarmKey LightDark = new("light-dark", "light-017");

    private async Task<WorkOrder> NewOrderAsync(string grid = "north", WorkOrderCategory category = WorkOrderCategory.Electrical) =>
        await Store.CreateAsync(Dark(grid, category), new ResidentReport("hotline"));

    [Fact]
    public async Task AResidentReportRoundTripsEveryField()
    {
        var due = Start.AddHours(5);
        var order = new NewWorkOrder(
            "Broken bench by the pond", WorkOrderCategory.Gardening, WorkOrderPriority.P3,
            new WorkOrderLocation("tianfu-park", "central", "pond-park", "bench-3"), "front-desk", due);

        var created = await Store.CreateAsync(order, new ResidentReport("12345-hotline", "+86 138 0000 0000"));
        var read = await Store.GetAsync(created.Id);

        Assert.Equal(created, read);
        Assert.Equal("Broken bench by the pond", read!.Title);
        Assert.Equal(WorkOrderCategory.Gardening, read.Category);
        Assert.Equal(WorkOrderPriority.P3, read.Priority);
        Assert.Equal(due, read.SlaDueAt);
        Assert.Equal(new WorkOrderLocation("tianfu-park", "central", "pond-park", "bench-3"), read.Location);
        Assert.Equal(new ResidentReport("12345-hotline", "+86 138 0000 0000"), read.Source);
        Assert.Null(read.Assignee);
        Assert.Equal(WorkOrderStatus.Open, read.Status);
        Assert.Equal(Start, read.CreatedAt);
        Assert.Equal(Start, read.UpdatedAt);
        Assert.Equal(1, read.Version);
    }

    [Fact]
    public async Task AnAlarmOrderRoundTripsItsAlarmKeyAndGetsTheSlaOfItsPriority()
    {
        var order = new NewWorkOrder("Gate stuck", WorkOrderCategory.Parking, WorkOrderPriority.P1, new WorkOrderLocation("tianfu-park", "south"), "rules");

        var (created, isNew) = await Store.CreateForAlarmAsync(order, new AlarmKey("gate-stuck", "pc/tianfu-park/parking/gate-2"));
        var read = await Store.GetAsync(created.Id);

        Assert.True(isNew);
        Assert.Equal(created, read);
        Assert.Equal(new AlarmSource(new AlarmKey("gate-stuck", "pc/tianfu-park/parking/gate-2")), read!.Source);
        Assert.Equal(Start + SlaPolicy.Default.P1, read.SlaDueAt);
        Assert.Null(read.Location.Zone);
        Assert.Null(read.Location.Device);
    }

    [Fact]
    public async Task IdsAreReadableAndCountUpWithinTheYear()
    {
        var first = await NewOrderAsync();
        var second = await NewOrderAsync();

        Assert.Equal("WO-2026-000001", first.Id);
        Assert.Equal("WO-2026-000002", second.Id);
    }

    [Fact]
    public async Task AnUnknownIdReadsAsNothingAndCannotBeChanged()
    {
        Assert.Null(await Store.GetAsync("WO-2026-999999"));
        Assert.Empty(await Store.GetTimelineAsync("WO-2026-999999"));
        var error = await Assert.ThrowsAsync<WorkOrderNotFoundException>(
            () => Store.TransitionAsync("WO-2026-999999", WorkOrderStatus.Cancelled, "manager"));
        Assert.Equal("WO-2026-999999", error.WorkOrderId);
        await Assert.ThrowsAsync<WorkOrderNotFoundException>(() => Store.AddCommentAsync("WO-2026-999999", "hello", "manager"));
    }

    [Fact]
    public async Task AnInvalidNewOrderIsRefusedWithEveryProblemNamed()
    {
        var order = new NewWorkOrder(" ", WorkOrderCategory.Other, WorkOrderPriority.P4, new WorkOrderLocation("tianfu park", ""), "");

        var error = await Assert.ThrowsAsync<InvalidWorkOrderException>(() => Store.CreateAsync(order, new ResidentReport("app")));

        Assert.Contains("Title is empty", error.Problems);
        Assert.Contains("CreatedBy is empty", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("Location.Site 'tianfu park'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("Location.Grid ''", StringComparison.Ordinal));
        Assert.Empty(await Store.ListAsync(new WorkOrderQuery()));
    }

    [Fact]
    public async Task OpeningAnOrderForTheSameAlarmAgainReturnsTheSameOrder()
    {
        var first = await Store.CreateForAlarmAsync(Dark(), LightDark);
        Time.Advance(TimeSpan.FromMinutes(5));
        var second = await Store.CreateForAlarmAsync(Dark() with { Title = "Still dark" }, LightDark);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Order, second.Order);
        Assert.Equal(first.Order, await Store.FindOpenByAlarmAsync(LightDark));
        Assert.Single(await Store.ListAsync(new WorkOrderQuery()));
    }

    [Theory]
    [InlineData(WorkOrderStatus.Closed)]
    [InlineData(WorkOrderStatus.Cancelled)]
    public async Task AfterTheOrderEndsANewAlarmOccurrenceOpensANewOrder(WorkOrderStatus end)
    {
        var first = (await Store.CreateForAlarmAsync(Dark(), LightDark)).Order;
        await BringToAsync(first.Id, end);

        Assert.Null(await Store.FindOpenByAlarmAsync(LightDark));
        var second = await Store.CreateForAlarmAsync(Dark(), LightDark);

        Assert.True(second.Created);
        Assert.NotEqual(first.Id, second.Order.Id);
        Assert.Equal(second.Order, await Store.FindOpenByAlarmAsync(LightDark));
    }

    [Fact]
    public async Task AResolvedOrderStillCountsAsTheAlarmsOrder()
    {
        var first = (await Store.CreateForAlarmAsync(Dark(), LightDark)).Order;
        await BringToAsync(first.Id, WorkOrderStatus.Resolved);

        var again = await Store.CreateForAlarmAsync(Dark(), LightDark);

        Assert.False(again.Created);
        Assert.Equal(first.Id, again.Order.Id);
    }

    [Fact]
    public async Task TwentyConcurrentRequestsFromTwoNodesOpenExactlyOneOrder()
    {
        var nodes = new[] { CreateNode(), CreateNode() };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => nodes[i % 2].CreateForAlarmAsync(Dark(), LightDark))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Order.Id).Distinct());
        var all = await Store.ListAsync(new WorkOrderQuery());
        Assert.Equal(results[0].Order.Id, Assert.Single(all).Id);
        Assert.Single(await Store.GetTimelineAsync(all[0].Id), e => e.Kind == TimelineKind.Created);
    }

    [Fact]
    public async Task AlarmIdempotencySurvivesARestart()
    {
        var before = await Store.CreateForAlarmAsync(Dark(), LightDark);

        var restarted = CreateNode();
        await restarted.InitializeAsync();
        var after = await restarted.CreateForAlarmAsync(Dark(), LightDark);

        Assert.False(after.Created);
        Assert.Equal(before.Order, after.Order);
    }

    public static TheoryData<WorkOrderStatus, WorkOrderStatus> EveryPairOfStatuses()
    {
        var data = new TheoryData<WorkOrderStatus, WorkOrderStatus>();
        foreach (var from in Enum.GetValues<WorkOrderStatus>())
        {
            foreach (var to in Enum.GetValues<WorkOrderStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPairOfStatuses))]
    public async Task EveryAllowedMoveSucceedsAndEveryOtherIsRefusedNamingFromAndTo(WorkOrderStatus from, WorkOrderStatus to)
    {
        var order = await NewOrderAsync();
        await BringToAsync(order.Id, from);
        var before = (await Store.GetAsync(order.Id))!;

        var move = () => to == WorkOrderStatus.Assigned
            ? Store.AssignAsync(order.Id, new Assignee("electricians-day", "Li Wei"), "manager")
            : Store.TransitionAsync(order.Id, to, "manager");

        if (WorkOrderTransitions.IsAllowed(from, to))
        {
            var moved = await move();
            Assert.Equal(to, moved.Status);
            Assert.Equal(before.Version + 1, moved.Version);
            Assert.Equal(moved, await Store.GetAsync(order.Id));
        }
        else
        {
            var error = await Assert.ThrowsAsync<InvalidWorkOrderTransitionException>(move);
            Assert.Equal((order.Id, from, to), (error.WorkOrderId, error.From, error.To));
            Assert.Equal(before, await Store.GetAsync(order.Id));
        }
    }

    [Fact]
    public async Task MovingToAssignedWithoutAnAssigneeIsRefused()
    {
        var order = await NewOrderAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.TransitionAsync(order.Id, WorkOrderStatus.Assigned, "manager"));
        Assert.Equal(WorkOrderStatus.Open, (await Store.GetAsync(order.Id))!.Status);
    }

    [Fact]
    public async Task TheTimelineRecordsEveryChangeInOrderWithItsActor()
    {
        var order = (await Store.CreateForAlarmAsync(Dark(), LightDark)).Order;
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AssignAsync(order.Id, new Assignee("electricians-day", "Li Wei"), "crew-lead");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.TransitionAsync(order.Id, WorkOrderStatus.InProgress, "Li Wei", "on my way");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AddCommentAsync(order.Id, "driver board burnt out", "Li Wei");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.TransitionAsync(order.Id, WorkOrderStatus.Resolved, "Li Wei");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AddTimelineEntryAsync(order.Id, TimelineKind.AlarmCleared, "lux back above threshold", "rules-node-2");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.TransitionAsync(order.Id, WorkOrderStatus.InProgress, "manager", "flickering again");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.TransitionAsync(order.Id, WorkOrderStatus.Resolved, "Li Wei");
        Time.Advance(TimeSpan.FromMinutes(1));
        await Store.TransitionAsync(order.Id, WorkOrderStatus.Closed, "manager");

        var timeline = await Store.GetTimelineAsync(order.Id);

        Assert.Equal(
            [
                (TimelineKind.Created, "rules-node-1", "Opened for alarm light-dark/light-017"),
                (TimelineKind.Assigned, "dispatcher", "electricians-day"),
                (TimelineKind.Assigned, "crew-lead", "Li Wei (electricians-day)"),
                (TimelineKind.StatusChanged, "Li Wei", "assigned → in_progress: on my way"),
                (TimelineKind.Comment, "Li Wei", "driver board burnt out"),
                (TimelineKind.StatusChanged, "Li Wei", "in_progress → resolved"),
                (TimelineKind.AlarmCleared, "rules-node-2", "lux back above threshold"),
                (TimelineKind.Reopened, "manager", "resolved → in_progress: flickering again"),
                (TimelineKind.StatusChanged, "Li Wei", "in_progress → resolved"),
                (TimelineKind.StatusChanged, "manager", "resolved → closed"),
            ],
            timeline.Select(e => (e.Kind, e.Actor, e.Text)).ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => Start.AddMinutes(i)), timeline.Select(e => e.At));
        Assert.All(timeline, e => Assert.Equal(order.Id, e.WorkOrderId));
        Assert.Equal(timeline.Select(e => e.Sequence).Order(), timeline.Select(e => e.Sequence));
    }

    [Fact]
    public async Task NotesDoNotChangeTheVersionButDoTouchTheOrder()
    {
        var order = await NewOrderAsync();
        Time.Advance(TimeSpan.FromMinutes(3));

        var entry = await Store.AddTimelineEntryAsync(order.Id, TimelineKind.Escalated, "SLA at risk", "sla-watch");
        var read = (await Store.GetAsync(order.Id))!;

        Assert.Equal(TimelineKind.Escalated, entry.Kind);
        Assert.Equal(1, read.Version);
        Assert.Equal(Start.AddMinutes(3), read.UpdatedAt);
    }

    [Theory]
    [InlineData(TimelineKind.Created)]
    [InlineData(TimelineKind.Assigned)]
    [InlineData(TimelineKind.StatusChanged)]
    [InlineData(TimelineKind.Reopened)]
    public async Task TimelineKindsTheStoreRecordsItselfCannotBeAddedByHand(TimelineKind kind)
    {
        var order = await NewOrderAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Store.AddTimelineEntryAsync(order.Id, kind, "forged", "someone"));
        Assert.Single(await Store.GetTimelineAsync(order.Id));
    }

    [Fact]
    public async Task AnEmptyCommentIsRefused()
    {
        var order = await NewOrderAsync();

        var error = await Assert.ThrowsAsync<InvalidWorkOrderException>(() => Store.AddCommentAsync(order.Id, "  ", "manager"));
        Assert.Contains("Text is empty", error.Problems);
    }

    [Fact]
    public async Task AChangeBasedOnAStaleVersionIsRefusedAndChangesNothing()
    {
        var order = await NewOrderAsync();
        var seenByManager = (await Store.GetAsync(order.Id))!;
        await Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher", expectedVersion: seenByManager.Version);

        var error = await Assert.ThrowsAsync<WorkOrderConcurrencyException>(
            () => Store.TransitionAsync(order.Id, WorkOrderStatus.Cancelled, "manager", expectedVersion: seenByManager.Version));

        Assert.Equal((1, 2), (error.ExpectedVersion, error.ActualVersion));
        var now = (await Store.GetAsync(order.Id))!;
        Assert.Equal(WorkOrderStatus.Assigned, now.Status);
        Assert.Equal(2, (await Store.GetTimelineAsync(order.Id)).Count);
    }

    [Fact]
    public async Task InitialisingAgainLeavesTheDataAlone()
    {
        var order = await NewOrderAsync();

        await Store.InitializeAsync();
        await CreateNode().InitializeAsync();

        Assert.Equal(order, await Store.GetAsync(order.Id));
    }

    /// <summary>Walks a fresh order along the allowed path to <paramref name="status"/>.</summary>
    private async Task BringToAsync(string id, WorkOrderStatus status)
    {
        if (status == WorkOrderStatus.Open)
        {
            return;
        }

        if (status == WorkOrderStatus.Cancelled)
        {
            await Store.TransitionAsync(id, WorkOrderStatus.Cancelled, "manager");
            return;
        }

        await Store.AssignAsync(id, new Assignee("duty-crew"), "dispatcher");
        foreach (var next in new[] { WorkOrderStatus.InProgress, WorkOrderStatus.Resolved, WorkOrderStatus.Closed })
        {
            if (status < next)
            {
                return;
            }

            await Store.TransitionAsync(id, next, "crew");
        }
    }
}
