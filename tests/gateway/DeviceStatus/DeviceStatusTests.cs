using Microsoft.Extensions.DependencyInjection;
using ParkCommunity.Gateway.Ingestion;
using ParkCommunity.Gateway.Tests.Support;
using ParkCommunity.SiteRegistry;
using ParkCommunity.TestSupport;

namespace ParkCommunity.Gateway.Tests.DeviceStatus;

/// <summary>Online/offline from the status channel, and last-seen from any message, through the real broker.</summary>
public sealed class DeviceStatusTests
{
    [Fact]
    public async Task ADeviceReportingOfflineIsOfflineAndItsLastSeenTimeIsKept()
    {
        var device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "park");
        await using var gateway = await GatewayHost.StartAsync();
        var state = gateway.Services.GetRequiredService<DeviceDirectory>().All.Single(p => p.DeviceId == device.Id).State;
        Assert.Null(state.LastSeen);
        await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);
        var statusTopic = $"pc/{device.Site.Id}/park/{device.Id}/status";

        await client.PublishAsync("online", statusTopic);
        Assert.True(state.ReportedOnline);
        await client.PublishAsync("offline", statusTopic);

        Assert.False(state.ReportedOnline);
        Assert.NotNull(state.LastSeen);
        Assert.NotNull(state.StatusChangedAt);
    }

    [Fact]
    public async Task AStatusOtherThanOnlineOrOfflineIsDeadLettered()
    {
        var device = RegistryLoader.Load(RepositoryRoot.SampleRegistry).Devices.First(d => d.Kind == "park");
        await using var gateway = await GatewayHost.StartAsync();
        await using var client = await SampleDevice.ConnectAsync(device, gateway.BrokerPort);

        await client.PublishAsync("sleeping", $"pc/{device.Site.Id}/park/{device.Id}/status");

        var letter = Assert.Single(await gateway.DeadLetters.ListAsync(device.Id, null, 10, CancellationToken.None));
        Assert.Equal("InvalidStatus", letter.Reason);
    }
}
