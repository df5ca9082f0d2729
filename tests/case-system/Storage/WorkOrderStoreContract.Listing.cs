using Microsoft.Extensions.Time.Testing;
using ParkCommunity.CaseSystem.Diagnostics;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.Tests.Support;
using ParkCommunity.CaseSystem.WorkOrders;

namespace ParkCommunity.CaseSystem.Tests.Storage;

/// <summary>The contract of <see cref="CaseSystem.Storage.IWorkOrderStore.ListAsync"/>.</summary>
public abstract partial class WorkOrderStoreContract
{
    [Fact]
    public async Task ListingFiltersByStatusGridCategoryAndAssignee()
    {
        var northLight = await NewOrderAsync("north", WorkOrderCategory.Electrical);
        var southLight = await NewOrderAsync("south", WorkOrderCategory.Electrical);
        var northGarden = await NewOrderAsync("north", WorkOrderCategory.Gardening);
        var centralParking = await NewOrderAsync("central", WorkOrderCategory.Parking);
        await Store.AssignAsync(southLight.Id, new Assignee("electricians-day", "Li Wei"), "dispatcher");
        await BringToAsync(centralParking.Id, WorkOrderStatus.Closed);

        async Task<string[]> Ids(WorkOrderQuery query) => [.. (await Store.ListAsync(query)).Select(o => o.Id)];

        Assert.Equal([northLight.Id, southLight.Id, northGarden.Id, centralParking.Id], await Ids(new WorkOrderQuery()));
        Assert.Equal([northLight.Id, northGarden.Id], await Ids(new WorkOrderQuery { Grids = new HashSet<string> { "north" } }));
        Assert.Equal(
            [southLight.Id, centralParking.Id],
            await Ids(new WorkOrderQuery { Statuses = new HashSet<WorkOrderStatus> { WorkOrderStatus.Assigned, WorkOrderStatus.Closed } }));
        Assert.Equal([northLight.Id, southLight.Id], await Ids(new WorkOrderQuery { Category = WorkOrderCategory.Electrical }));
        Assert.Equal([southLight.Id], await Ids(new WorkOrderQuery { AssigneeCrewId = "electricians-day" }));
        Assert.Equal([southLight.Id], await Ids(new WorkOrderQuery { AssigneePerson = "Li Wei" }));
        Assert.Equal(
            [northGarden.Id],
            await Ids(new WorkOrderQuery
            {
                Grids = new HashSet<string> { "north", "central" },
                Statuses = new HashSet<WorkOrderStatus> { WorkOrderStatus.Open },
                Category = WorkOrderCategory.Gardening,
                Site = "tianfu-park",
            }));
        Assert.Empty(await Ids(new WorkOrderQuery { Site = "other-park" }));
    }

    [Fact]
    public async Task ListingOverdueFindsOrdersPastTheirSlaThatStillNeedWork()
    {
        var urgent = await Store.CreateAsync(Dark() with { Priority = WorkOrderPriority.P1 }, new ResidentReport("app"));
        var relaxed = await Store.CreateAsync(Dark() with { Priority = WorkOrderPriority.P4 }, new ResidentReport("app"));
        var urgentButDone = await Store.CreateAsync(Dark() with { Priority = WorkOrderPriority.P1 }, new ResidentReport("app"));
        await BringToAsync(urgentButDone.Id, WorkOrderStatus.Resolved);

        var fiveHoursLater = Start.AddHours(5);

        Assert.Equal([urgent.Id], (await Store.ListAsync(new WorkOrderQuery { OverdueAt = fiveHoursLater })).Select(o => o.Id));
        Assert.True(urgent.IsOverdueAt(fiveHoursLater));
        Assert.False(relaxed.IsOverdueAt(fiveHoursLater));
        Assert.Empty(await Store.ListAsync(new WorkOrderQuery { OverdueAt = Start.AddHours(3) }));
    }

    [Fact]
    public async Task ListingPagesInCreationOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await NewOrderAsync()).Id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        var page = await Store.ListAsync(new WorkOrderQuery { Skip = 2, Take = 2 });

        Assert.Equal(ids.Skip(2).Take(2), page.Select(o => o.Id));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ListAsync(new WorkOrderQuery { Take = 0 }));
    }
}
