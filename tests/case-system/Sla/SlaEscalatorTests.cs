using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Routing;
using ParkCommunity.CaseSystem.Sla;
using ParkCommunity.CaseSystem.Tests.Support;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Sla;

public sealed class SlaEscalatorTests : IAsyncLifetime
{
    // 10:00 in Asia/Shanghai, a Monday.
    private static readonly DateTimeOffset Start = new(2026, 3, 16, 2, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private SqliteCaseStore _cases = null!;
    private SlaEscalator _escalator = null!;

    public async Task InitializeAsync()
    {
        _cases = await SqliteCaseStore.CreateAsync(_time);
        _escalator = new SlaEscalator(_cases.Store, SlaPolicy.Default, SqliteCaseStore.SampleRoster, _time, NullLogger<SlaEscalator>.Instance);
    }

    public async Task DisposeAsync() => await _cases.DisposeAsync();

    private Task<WorkOrder> OpenAsync(WorkOrderPriority priority, string grid = "north") =>
        _cases.Store.CreateAsync(
            new NewWorkOrder("Lamp dark", WorkOrderCategory.Electrical, priority, new WorkOrderLocation("tianfu-park", grid), "test"),
            new ResidentReport("hotline"));

    [Fact]
    public async Task NothingIsEscalatedBeforeTheDueTime()
    {
        await OpenAsync(WorkOrderPriority.P2);
        _time.Advance(TimeSpan.FromHours(24));

        Assert.Empty(await _escalator.EscalateOverdueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnOverdueOrderGoesUpOneStepWithTheNewPrioritysSlaFromNow()
    {
        var order = await OpenAsync(WorkOrderPriority.P3);
        _time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

        var escalation = Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));

        Assert.Equal(order.Id, escalation.Order.Id);
        Assert.Equal(WorkOrderPriority.P3, escalation.From);
        Assert.Equal(WorkOrderPriority.P2, escalation.Order.Priority);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(24), escalation.Order.SlaDueAt);
        Assert.Equal(new GridManager("north", "Wang Fang", "manager-north@tianfu-park.example"), escalation.Manager);
        var entry = (await _cases.Store.GetTimelineAsync(order.Id))[^1];
        Assert.Equal(TimelineKind.Escalated, entry.Kind);
        Assert.Equal(SlaEscalator.Actor, entry.Actor);
        Assert.Contains("P3 → P2", entry.Text, StringComparison.Ordinal);
        Assert.Contains("passed 1 min ago; manager Wang Fang notified", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrderEscalatesOncePerOverduePeriod()
    {
        var order = await OpenAsync(WorkOrderPriority.P4);
        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromDays(3) - TimeSpan.FromSeconds(1));
        Assert.Empty(await _escalator.EscalateOverdueAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(2));
        var second = Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));
        Assert.Equal(WorkOrderPriority.P2, second.Order.Priority);
        Assert.Equal(2, (await _cases.Store.GetTimelineAsync(order.Id)).Count(e => e.Kind == TimelineKind.Escalated));
    }

    [Fact]
    public async Task AP1OrderStaysP1ButEscalatesAgainEachOverdueP1Period()
    {
        await OpenAsync(WorkOrderPriority.P1);
        _time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(5));

        var first = Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        var second = Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));

        Assert.Equal(WorkOrderPriority.P1, first.Order.Priority);
        Assert.Equal(WorkOrderPriority.P1, second.Order.Priority);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(4), second.Order.SlaDueAt);
    }

    [Fact]
    public async Task ResolvedOrdersAreNotEscalated()
    {
        var order = await OpenAsync(WorkOrderPriority.P1);
        await _cases.Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher");
        await _cases.Store.TransitionAsync(order.Id, WorkOrderStatus.InProgress, "li.wei");
        await _cases.Store.TransitionAsync(order.Id, WorkOrderStatus.Resolved, "li.wei");
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Empty(await _escalator.EscalateOverdueAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AGridWithoutAManagerStillEscalatesAndSaysSo()
    {
        var order = await OpenAsync(WorkOrderPriority.P2, grid: "east");
        _time.Advance(TimeSpan.FromDays(2));

        var escalation = Assert.Single(await _escalator.EscalateOverdueAsync(CancellationToken.None));

        Assert.Null(escalation.Manager);
        Assert.EndsWith("grid east has no manager to notify", (await _cases.Store.GetTimelineAsync(order.Id))[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOverdueOrderIsEscalatedEvenBeyondOnePage()
    {
        for (var i = 0; i < 505; i++)
        {
            await OpenAsync(WorkOrderPriority.P4);
        }

        _time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(505, (await _escalator.EscalateOverdueAsync(CancellationToken.None)).Count);
        Assert.Empty(await _escalator.EscalateOverdueAsync(CancellationToken.None));
    }
}
