using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ParkCommunity.CaseSystem.Storage;
using ParkCommunity.DashboardApi.Accounts;
using ParkCommunity.DashboardApi.Live;
using ParkCommunity.DashboardApi.Tests.Support;
using ParkCommunity.DeviceContract.Telemetry;
using ParkCommunity.TelemetryStore.Writing;

namespace ParkCommunity.DashboardApi.Tests.Live;

public sealed class LiveStreamTests : IDisposable
{
    private readonly DashboardFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<string> ReadEventAsync(StreamReader reader, string name, CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == "event: " + name)
            {
                return (await reader.ReadLineAsync(cancellationToken))!;
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    [Fact]
    public async Task AWorkOrderChangeReachesSubscribersOfItsGridAsAnEvent()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var order = await Seed.OrderAsync(_factory.Service<IWorkOrderStore>(), "north");
        var crew = await _factory.ClientForAsync("crew-north");
        using var response = await crew.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));

        var manager = await _factory.ClientForAsync("manager-north");
        (await manager.PostAsJsonAsync($"/api/work-orders/{order.Id}/assign", new { crewId = "caretakers-north" }, timeout.Token)).EnsureSuccessStatusCode();

        var data = await ReadEventAsync(reader, LiveEvent.WorkOrder, timeout.Token);
        Assert.StartsWith("data: {", data, StringComparison.Ordinal);
        Assert.Contains($"\"id\":\"{order.Id}\"", data, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"assigned\"", data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdleStreamGetsAHeartbeatCommentEvery15Seconds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = await _factory.ClientForAsync("planner");
        using var response = await client.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(timeout.Token));

        for (var beat = 0; beat < 2; beat++)
        {
            Assert.Equal("", await reader.ReadLineAsync(timeout.Token));
            _factory.Time.Advance(LiveEndpoints.HeartbeatInterval);
            Assert.Equal(": heartbeat", await reader.ReadLineAsync(timeout.Token));
        }
    }

    [Fact]
    public async Task ThePollerPublishesADeviceGoingOffline()
    {
        var writer = _factory.Service<ITelemetryWriter>();
        var poller = _factory.Services.GetServices<IHostedService>().OfType<DeviceStatusPoller>().Single();
        var hub = _factory.Service<LiveUpdates>();
        using var subscription = hub.Subscribe(Caller.From(Caller.Principal(
            new Account("m", "M", "x", [Roles.Manager], ["north"], null, null, DateTimeOffset.UnixEpoch), "test")));
        await Seed.PointAsync(writer, "light", "north", "north-street", "light-n-001", DashboardFactory.Start.AddMinutes(-1), TelemetryField.OfNumber("power_w", 40));
        await poller.PollAsync(CancellationToken.None);

        await Seed.StatusAsync(writer, "light", "north", "north-street", "light-n-001", DashboardFactory.Start, "offline");
        await Seed.StatusAsync(writer, "light", "south", "south-street", "light-s-001", DashboardFactory.Start, "offline");
        await poller.PollAsync(CancellationToken.None);

        Assert.True(subscription.Reader.TryRead(out var update));
        Assert.Equal(LiveEvent.DeviceStatus, update.Name);
        Assert.Contains("device = light-n-001", update.Payload.ToString(), StringComparison.Ordinal);
        Assert.Contains("status = offline", update.Payload.ToString(), StringComparison.Ordinal);
        Assert.False(subscription.Reader.TryRead(out _));
    }
}
