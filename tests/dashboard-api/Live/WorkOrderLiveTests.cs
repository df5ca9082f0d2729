using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.CaseSystem.WorkOrders;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.DashboardApi.WorkOrders;

namespace ParkCommunity.DashboardApi.Tests.Live;

/// <summary>Work orders changed outside the API (rule engine, Open311, SLA watch) still reach the live stream.</summary>
public sealed class WorkOrderLiveTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public WorkOrderLiveTests() => _ = _factory.Server;

    public void Dispose() => _factory.Dispose();

    private IWorkOrderStore Store => _factory.Service<IWorkOrderStore>();

    private WorkOrderPoller Poller => _factory.Services.GetServices<IHostedService>().OfType<WorkOrderPoller>().Single();

    private LiveUpdates.Subscription Subscribe(params string[] grids) => _factory.Service<LiveUpdates>().Subscribe(
        Caller.From(Caller.Principal(new Account("someone", "Someone", "x", [Roles.Manager], grids, null, "tianfu-park", DateTimeOffset.UnixEpoch), "test")));

    private static int Drain(LiveUpdates.Subscription subscription)
    {
        var count = 0;
        while (subscription.Reader.TryRead(out var update))
        {
            Assert.Equal(LiveEvent.WorkOrder, update.Name);
            count++;
        }

        return count;
    }

    [Fact]
    public async Task OrdersOpenedChangedAndClosedInTheStoreArePublishedToTheirGridOnly()
    {
        using var north = Subscribe("north");
        using var south = Subscribe("south");
        await Poller.PollAsync(CancellationToken.None);

        var order = await Seed.OrderAsync(Store, "north");
        await Poller.PollAsync(CancellationToken.None);
        Assert.Equal(1, Drain(north));
        Assert.Equal(0, Drain(south));

        await Poller.PollAsync(CancellationToken.None);
        Assert.Equal(0, Drain(north));

        await Store.TransitionAsync(order.Id, WorkOrderStatus.Cancelled, "manager", "duplicate report");
        await Poller.PollAsync(CancellationToken.None);
        Assert.Equal(1, Drain(north));
    }
}
