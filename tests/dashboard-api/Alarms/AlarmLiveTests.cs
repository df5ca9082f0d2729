using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Alarms;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.Rules.Alarms.Storage;

namespace ParkCommunity.DashboardApi.Tests.Alarms;

public sealed class AlarmLiveTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public AlarmLiveTests() => _ = _factory.Server;

    public void Dispose() => _factory.Dispose();

    private IAlarmStore Store => _factory.Service<IAlarmStore>();

    private AlarmPoller Poller => _factory.Services.GetServices<IHostedService>().OfType<AlarmPoller>().Single();

    private LiveUpdates.Subscription Subscribe(string role, params string[] grids) => _factory.Service<LiveUpdates>().Subscribe(
        Caller.From(Caller.Principal(new Account("someone", "Someone", "x", [role], grids, null, "tianfu-park", DateTimeOffset.UnixEpoch), "test")));

    private static List<AlarmJson> Drain(LiveUpdates.Subscription subscription)
    {
        var alarms = new List<AlarmJson>();
        while (subscription.Reader.TryRead(out var update))
        {
            Assert.Equal(LiveEvent.Alarm, update.Name);
            alarms.Add((AlarmJson)update.Payload);
        }

        return alarms;
    }

    [Fact]
    public async Task NewChangedAndClearedAlarmsArePublishedToTheirGridOnly()
    {
        using var north = Subscribe(Roles.Manager, "north");
        using var everyone = Subscribe(Roles.Planner);
        await Poller.PollAsync(CancellationToken.None);

        var raised = await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        await AlarmSeed.RaiseAsync(Store, AlarmSeed.South, DashboardFactory.Start);
        await Poller.PollAsync(CancellationToken.None);

        var first = Assert.Single(Drain(north));
        Assert.Equal((raised.Id, "active"), (first.Id, first.State));
        Assert.Equal(2, Drain(everyone).Count);

        await Poller.PollAsync(CancellationToken.None);
        Assert.Empty(Drain(north));

        await Store.AcknowledgeAsync(raised.Id, "manager-north");
        await Poller.PollAsync(CancellationToken.None);
        Assert.Equal("manager-north", Assert.Single(Drain(north)).AcknowledgedBy);

        await AlarmSeed.ClearAsync(Store, raised, DashboardFactory.Start.AddMinutes(3));
        await Poller.PollAsync(CancellationToken.None);
        var cleared = Assert.Single(Drain(north));
        Assert.Equal((raised.Id, "cleared", DashboardFactory.Start.AddMinutes(3)), (cleared.Id, cleared.State, cleared.ClearedAt));
    }

    [Fact]
    public async Task AlarmsAlreadyPresentWhenSomeoneSubscribesAreNotRepublished()
    {
        await AlarmSeed.RaiseAsync(Store, AlarmSeed.North, DashboardFactory.Start);
        using var north = Subscribe(Roles.Manager, "north");

        await Poller.PollAsync(CancellationToken.None);

        Assert.Empty(Drain(north));
    }
}
