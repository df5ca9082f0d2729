using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Hosting;
using ParkCommunity.DashboardApi.Live;

namespace ParkCommunity.DashboardApi.Tests.Live;

public sealed class LiveUpdatesTests
{
    private static Caller Of(string role, params string[] grids) => Caller.From(Caller.Principal(
        new Account("someone", "Someone", "x", [role], grids, null, "tianfu-park", DateTimeOffset.UnixEpoch), "test"));

    private static LiveUpdates Hub(int capacity = 16) =>
        new(Options.Create(new DashboardOptions { LiveQueueCapacity = capacity }), NullLogger<LiveUpdates>.Instance);

    [Fact]
    public void ASubscriberGetsOnlyUpdatesOfItsGrids()
    {
        var hub = Hub();
        using var north = hub.Subscribe(Of(Roles.Manager, "north"));
        using var planner = hub.Subscribe(Of(Roles.Planner));

        hub.Publish(new LiveEvent(LiveEvent.WorkOrder, "south", "s"));
        hub.Publish(new LiveEvent(LiveEvent.WorkOrder, "north", "n"));

        Assert.True(north.Reader.TryRead(out var first));
        Assert.Equal("n", first.Payload);
        Assert.False(north.Reader.TryRead(out _));
        Assert.Equal(2, planner.Reader.Count);
    }

    [Fact]
    public void ASlowSubscriberLosesItsOldestUpdatesOnly()
    {
        var hub = Hub(capacity: 2);
        using var slow = hub.Subscribe(Of(Roles.Admin));

        for (var i = 1; i <= 3; i++)
        {
            hub.Publish(new LiveEvent(LiveEvent.DeviceStatus, "north", i));
        }

        Assert.True(slow.Reader.TryRead(out var a));
        Assert.True(slow.Reader.TryRead(out var b));
        Assert.Equal([2, 3], new[] { (int)a.Payload, (int)b.Payload });
    }

    [Fact]
    public void DisposingUnsubscribes()
    {
        var hub = Hub();
        var subscription = hub.Subscribe(Of(Roles.Admin));

        subscription.Dispose();

        Assert.Equal(0, hub.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }
}
