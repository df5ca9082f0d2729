using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Storage;

/// <summary>The contract of <see cref="CaseSystem.Storage.IWorkOrderStore.EscalateAsync"/>.</summary>
public abstract partial class WorkOrderStoreContract
{
    [Fact]
    public async Task EscalatingRaisesThePriorityMovesTheDueTimeAndRecordsWhy()
    {
        var order = await NewOrderAsync();
        Time.Advance(TimeSpan.FromHours(25));
        var newDue = Time.GetUtcNow().AddHours(4);

        var escalated = await Store.EscalateAsync(order.Id, WorkOrderPriority.P1, newDue, "SLA passed by 1 h", "sla-escalator", order.Version);
        var read = await Store.GetAsync(order.Id);
        var entry = (await Store.GetTimelineAsync(order.Id))[^1];

        Assert.Equal(escalated, read);
        Assert.Equal(WorkOrderPriority.P1, read!.Priority);
        Assert.Equal(newDue, read.SlaDueAt);
        Assert.Equal(order.Version + 1, read.Version);
        Assert.Equal(Time.GetUtcNow(), read.UpdatedAt);
        Assert.Equal(TimelineKind.Escalated, entry.Kind);
        Assert.Equal("sla-escalator", entry.Actor);
        Assert.StartsWith("P2 → P1, due ", entry.Text, StringComparison.Ordinal);
        Assert.EndsWith(": SLA passed by 1 h", entry.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EscalatingAtTheTopKeepsP1ButStillMovesTheDueTime()
    {
        var order = await NewOrderAsync();
        await Store.EscalateAsync(order.Id, WorkOrderPriority.P1, Start.AddHours(1), "first", "sla-escalator");

        var again = await Store.EscalateAsync(order.Id, WorkOrderPriority.P1, Start.AddHours(5), "second", "sla-escalator");

        Assert.Equal(WorkOrderPriority.P1, again.Priority);
        Assert.Equal(Start.AddHours(5), again.SlaDueAt);
        Assert.Equal(2, (await Store.GetTimelineAsync(order.Id)).Count(e => e.Kind == TimelineKind.Escalated));
    }

    [Fact]
    public async Task EscalatingCannotLowerThePriority()
    {
        var order = await NewOrderAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => Store.EscalateAsync(order.Id, WorkOrderPriority.P4, Start.AddDays(9), "why not", "sla-escalator"));

        Assert.Contains("cannot lower it to P4", error.Message, StringComparison.Ordinal);
        Assert.Equal(WorkOrderPriority.P2, (await Store.GetAsync(order.Id))!.Priority);
    }

    [Theory]
    [InlineData(WorkOrderStatus.Resolved)]
    [InlineData(WorkOrderStatus.Cancelled)]
    public async Task AnOrderThatNoLongerNeedsWorkCannotBeEscalated(WorkOrderStatus end)
    {
        var order = await NewOrderAsync();
        if (end == WorkOrderStatus.Resolved)
        {
            await Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher");
            await Store.TransitionAsync(order.Id, WorkOrderStatus.InProgress, "li.wei");
        }

        await Store.TransitionAsync(order.Id, end, "li.wei");

        var error = await Assert.ThrowsAsync<WorkOrderNotActiveException>(
            () => Store.EscalateAsync(order.Id, WorkOrderPriority.P1, Start.AddHours(4), "late", "sla-escalator"));
        Assert.Equal(end, error.Status);
    }

    [Fact]
    public async Task EscalatingOnAStaleVersionIsRefusedAndChangesNothing()
    {
        var order = await NewOrderAsync();
        await Store.AssignAsync(order.Id, new Assignee("electricians-day"), "dispatcher");

        await Assert.ThrowsAsync<WorkOrderConcurrencyException>(
            () => Store.EscalateAsync(order.Id, WorkOrderPriority.P1, Start.AddHours(4), "late", "sla-escalator", order.Version));

        Assert.Equal(WorkOrderPriority.P2, (await Store.GetAsync(order.Id))!.Priority);
        Assert.DoesNotContain(await Store.GetTimelineAsync(order.Id), e => e.Kind == TimelineKind.Escalated);
    }

    [Fact]
    public async Task EscalatingAnUnknownOrderSaysWhichOne()
    {
        var error = await Assert.ThrowsAsync<WorkOrderNotFoundException>(
            () => Store.EscalateAsync("WO-2026-999999", WorkOrderPriority.P1, Start, "late", "sla-escalator"));

        Assert.Contains("WO-2026-999999", error.Message, StringComparison.Ordinal);
    }
}
